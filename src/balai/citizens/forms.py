from django import forms
from django.utils.translation import gettext_lazy as _


class NikForm(forms.Form):
    nik = forms.RegexField(
        label=_("NIK"),
        regex=r"^[0-9]{16}$",
        error_messages={"invalid": _("NIK terdiri dari 16 angka.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class PinForm(forms.Form):
    nik = forms.CharField(widget=forms.HiddenInput)
    pin = forms.CharField(
        label=_("PIN baru (6 angka)"),
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "new-password"}),
    )
    pin_again = forms.CharField(
        label=_("Ulangi PIN"),
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "new-password"}),
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("pin") and data.get("pin") != data.get("pin_again"):
            self.add_error("pin_again", _("Kedua PIN tidak sama."))
        return data


class SignInForm(forms.Form):
    nik = forms.RegexField(
        label=_("NIK"),
        regex=r"^[0-9]{16}$",
        error_messages={"invalid": _("NIK terdiri dari 16 angka.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    pin = forms.CharField(
        label=_("PIN (6 angka)"),
        max_length=12,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Kode dari SMS"),
        regex=r"^[0-9 ]{6,8}$",
        error_messages={"invalid": _("Kode terdiri dari 6 angka.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": 8}
        ),
    )
