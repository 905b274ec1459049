"""Registered kiosk devices and the log of what each printed."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from balai.kiosk.choices import (
    DEFAULT_IDLE_SECONDS,
    MAX_IDLE_SECONDS,
    MIN_IDLE_SECONDS,
    Paper,
    PrintKind,
)


class KioskDevice(models.Model):
    """One touch screen in a public room, bound to a service point by a secret token."""

    regency_code = models.CharField(_("kode kabupaten"), max_length=5, db_index=True)
    # The service point's region, so a regency admin's region scope reaches the device.
    region_code = models.CharField(_("kode wilayah"), max_length=20, db_index=True)
    service_point = models.ForeignKey(
        "catalog.ServicePoint",
        on_delete=models.PROTECT,
        related_name="kiosk_devices",
        verbose_name=_("tempat layanan"),
    )
    name = models.CharField(_("nama perangkat"), max_length=120)
    token_prefix = models.CharField(_("awalan token"), max_length=8, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    idle_seconds = models.PositiveIntegerField(
        _("keluar otomatis setelah (detik)"),
        default=DEFAULT_IDLE_SECONDS,
        validators=[MinValueValidator(MIN_IDLE_SECONDS), MaxValueValidator(MAX_IDLE_SECONDS)],
    )
    created_at = models.DateTimeField(_("didaftarkan"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    enrolled_at = models.DateTimeField(_("dipasang di browser"), null=True, blank=True)
    last_seen_at = models.DateTimeField(_("terakhir aktif"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    revoke_reason = models.CharField(_("alasan pencabutan"), max_length=250, blank=True)
    # Per-device back-off (kiosk/backoff.py): failures since the last wait or success, waits
    # in a row, and until when the device refuses sign-in.
    failed_count = models.PositiveIntegerField(default=0)
    waits = models.PositiveSmallIntegerField(default=0)
    wait_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("anjungan mandiri")
        verbose_name_plural = _("anjungan mandiri")
        ordering = ["service_point_id", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(idle_seconds__gte=MIN_IDLE_SECONDS),
                name="kiosk_idle_seconds_min",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.token_prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class KioskPrintJob(models.Model):
    """What a kiosk printed, when, for which case or document. Never a NIK or a name."""

    regency_code = models.CharField(_("kode kabupaten"), max_length=5, db_index=True)
    region_code = models.CharField(_("kode wilayah"), max_length=20, db_index=True)
    service_point = models.ForeignKey(
        "catalog.ServicePoint", on_delete=models.PROTECT, related_name="+"
    )
    device = models.ForeignKey(
        KioskDevice,
        on_delete=models.PROTECT,
        related_name="print_jobs",
        verbose_name=_("perangkat"),
    )
    kind = models.CharField(_("jenis"), max_length=12, choices=PrintKind.choices)
    paper = models.CharField(_("kertas"), max_length=6, choices=Paper.choices)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ticket_code = models.CharField(_("nomor antrean"), max_length=12, blank=True)
    printed_at = models.DateTimeField(_("dicetak"))

    class Meta:
        verbose_name = _("cetakan anjungan")
        verbose_name_plural = _("cetakan anjungan")
        ordering = ["-printed_at", "-pk"]
        indexes = [models.Index(fields=["device", "-printed_at"], name="kiosk_print_device_time")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.printed_at:%Y-%m-%d %H:%M}"
