"""A citizen's PIN: set at the village counter, checked at the kiosk and online."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CitizenPin(models.Model):
    regency_code = models.CharField(_("kode kabupaten"), max_length=5, db_index=True)
    resident = models.OneToOneField(
        "people.Resident", on_delete=models.CASCADE, related_name="pin", verbose_name=_("warga")
    )
    # A Django password hash (argon2 first in PASSWORD_HASHERS): a six-digit PIN has only a
    # million values, so the slow hash and the lockout below are what protect it.
    pin_hash = models.CharField(max_length=200)
    failed_count = models.PositiveSmallIntegerField(default=0)
    lockouts = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    set_at = models.DateTimeField()
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    last_sign_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("PIN warga")
        verbose_name_plural = _("PIN warga")

    def __str__(self) -> str:
        return f"PIN {self.resident_id}"


class SignInCode(models.Model):
    """A one-time code sent to the citizen's registered phone after a correct NIK and PIN.

    The code is kept only as a keyed hash; it is single use, short-lived, allows a few wrong
    tries and a few resends (docs/apps/citizens.md).
    """

    regency_code = models.CharField(_("kode kabupaten"), max_length=5)
    resident = models.ForeignKey(
        "people.Resident", on_delete=models.CASCADE, related_name="+", verbose_name=_("warga")
    )
    code_hash = models.CharField(max_length=64)
    channel = models.CharField(_("kanal"), max_length=20)
    created_at = models.DateTimeField(_("dibuat pada"))
    sent_at = models.DateTimeField(_("dikirim pada"))
    expires_at = models.DateTimeField(_("berlaku sampai"))
    sends = models.PositiveSmallIntegerField(_("jumlah kirim"), default=1)
    failed_count = models.PositiveSmallIntegerField(_("salah"), default=0)
    used_at = models.DateTimeField(_("dipakai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("kode masuk")
        verbose_name_plural = _("kode masuk")
        indexes = [models.Index(fields=["resident", "created_at"], name="signincode_resident")]

    def __str__(self) -> str:
        return f"kode {self.resident_id}"
