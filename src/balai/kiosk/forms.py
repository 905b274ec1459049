"""Forms of the kiosk: what the pages post; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from balai.kiosk.choices import DEFAULT_IDLE_SECONDS, MAX_IDLE_SECONDS, MIN_IDLE_SECONDS


class SignInForm(forms.Form):
    """NIK and PIN from the on-screen keypad; `inputmode=none` keeps the OS keyboard away."""

    nik = forms.RegexField(
        label=_("NIK"),
        regex=r"^\d{16}$",
        error_messages={
            "invalid": _("NIK terdiri dari 16 angka. Periksa kartu KTP-el Anda lalu ketik ulang."),
            "required": _("Ketik 16 angka NIK Anda."),
        },
        widget=forms.TextInput(attrs={"inputmode": "none", "autocomplete": "off", "maxlength": 16}),
    )
    pin = forms.RegexField(
        label=_("PIN"),
        regex=r"^\d{6}$",
        error_messages={
            "invalid": _("PIN terdiri dari 6 angka."),
            "required": _("Ketik 6 angka PIN Anda."),
        },
        widget=forms.PasswordInput(
            attrs={"inputmode": "none", "autocomplete": "off", "maxlength": 6}
        ),
    )


class ReaderSignInForm(forms.Form):
    """A code read from a receipt or document (or another reader), and the PIN."""

    pembaca = forms.CharField(initial="qr", max_length=20, widget=forms.HiddenInput)
    kode = forms.CharField(
        label=_("Kode pada tanda terima atau dokumen"),
        max_length=2000,
        error_messages={"required": _("Pindai QR pada tanda terima atau dokumen Anda.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    pin = SignInForm.base_fields["pin"]


class EnrolForm(forms.Form):
    token = forms.CharField(
        label=_("Token perangkat"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class RegisterForm(forms.Form):
    service_point = forms.ModelChoiceField(label=_("Tempat layanan"), queryset=None)
    name = forms.CharField(label=_("Nama perangkat"), max_length=120)
    idle_seconds = forms.IntegerField(
        label=_("Keluar otomatis setelah (detik)"),
        initial=DEFAULT_IDLE_SECONDS,
        min_value=MIN_IDLE_SECONDS,
        max_value=MAX_IDLE_SECONDS,
    )

    def __init__(self, *args: Any, points: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service_point"].queryset = points


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Alasan pencabutan"), max_length=250)
