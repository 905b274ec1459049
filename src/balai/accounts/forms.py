from django import forms
from django.utils.translation import gettext_lazy as _


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("Nama pengguna"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
        error_messages={"required": _("Isi nama pengguna.")},
    )
    password = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Isi kata sandi.")},
    )


class CodeRequestForm(forms.Form):
    username = forms.CharField(
        label=_("Nama pengguna"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
        error_messages={"required": _("Isi nama pengguna.")},
    )


class CodeLoginForm(LoginForm):
    code = forms.RegexField(
        label=_("Kode dari e-mail"),
        regex=r"^[0-9 ]{6,8}$",
        error_messages={"invalid": _("Kode terdiri dari 6 angka."), "required": _("Isi kode.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
