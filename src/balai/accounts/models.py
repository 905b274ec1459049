from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from balai.accounts.roles import ROLE_SCOPE, Role, ScopeKind
from balai.regions.choices import Level
from balai.regions.models import Region


class User(AbstractUser):
    """A staff account. Citizens never get one: they sign in with NIK and PIN."""

    full_name = models.CharField(_("nama lengkap"), max_length=150, blank=True)
    nip = models.CharField(_("NIP"), max_length=18, blank=True)
    phone = models.CharField(_("telepon"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("petugas")
        verbose_name_plural = _("petugas")

    def __str__(self) -> str:
        return self.full_name or self.username


class StaffRole(models.Model):
    """One role held by a staff member, limited to one region subtree, agency or service point."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="staff_roles")
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("wilayah")
    )
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("instansi"),
    )
    service_point = models.ForeignKey(
        "catalog.ServicePoint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("tempat layanan"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("peran petugas")
        verbose_name_plural = _("peran petugas")
        indexes = [models.Index(fields=["user", "role"], name="staffrole_user_role")]

    def __str__(self) -> str:
        target = self.region or self.agency or self.service_point
        return f"{self.get_role_display()} — {target}"

    def clean(self) -> None:
        kind = ROLE_SCOPE[self.role]
        required = {
            ScopeKind.VILLAGE: ("region", Level.VILLAGE),
            ScopeKind.DISTRICT: ("region", Level.DISTRICT),
            ScopeKind.REGION: ("region", None),
            ScopeKind.AGENCY: ("agency", None),
            ScopeKind.SERVICE_POINT: ("service_point", None),
        }[kind]
        field, level = required
        if getattr(self, f"{field}_id") is None:
            raise ValidationError(
                {
                    field: _("Peran %(role)s wajib dibatasi pada %(scope)s.")
                    % {"role": self.get_role_display(), "scope": kind.label}
                }
            )
        if field != "region":
            return
        # By id: an unknown code must be a form error, not a crash on the relation.
        region = Region.objects.filter(pk=self.region_id).only("level").first()
        if region is None:
            raise ValidationError({"region": _("Wilayah ini tidak ada.")})
        if level and region.level != level:
            raise ValidationError(
                {
                    "region": _("Peran ini harus dibatasi pada wilayah tingkat %(level)s.")
                    % {"level": Level(level).label}
                }
            )


class ApiToken(models.Model):
    """A client token for the API. Only its hash is stored; the key is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("nama"), max_length=100)
    prefix = models.CharField(max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class LoginFailure(models.Model):
    username = models.CharField(max_length=150, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("gagal masuk")
        verbose_name_plural = _("gagal masuk")

    def __str__(self) -> str:
        return f"{self.username} @ {self.created_at:%Y-%m-%d %H:%M}"


class LoginThrottle(models.Model):
    """One counter of sign-in attempts per key: an account, a client address, a kiosk device.

    Attempts are counted *before* the secret is checked, in one locked step, so requests sent
    at once cannot all slip past the limit (accounts/throttle.py).
    """

    key = models.CharField(max_length=200, unique=True)
    attempts = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)
    lockouts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("batas percobaan masuk")
        verbose_name_plural = _("batas percobaan masuk")

    def __str__(self) -> str:
        return self.key


class LoginCode(models.Model):
    """A one-time code e-mailed to a staff member: the second factor that opens an account
    even while its password attempts are locked, so nobody can lock a user out for good."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    failed_count = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("kode masuk petugas")
        verbose_name_plural = _("kode masuk petugas")
        indexes = [models.Index(fields=["user", "created_at"], name="logincode_user_created")]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.created_at:%Y-%m-%d %H:%M}"
