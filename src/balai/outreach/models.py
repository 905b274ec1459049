"""Outreach days (jemput bola, Bupati Ngantor di Desa) and what happens on them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from balai.outreach.choices import BatchStatus, EventStatus, ItemSource


class OutreachEvent(models.Model):
    regency_code = models.CharField(_("kode kabupaten"), max_length=5, db_index=True)
    title = models.CharField(_("judul"), max_length=200)
    date = models.DateField(_("tanggal"))
    village = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("desa")
    )
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("instansi penyelenggara"),
    )
    agencies = models.JSONField(_("instansi yang hadir"), default=list)
    services = models.JSONField(_("layanan yang dibuka"), default=list)
    staff = models.JSONField(_("petugas"), default=list)
    target_registrations = models.PositiveIntegerField(_("target pendaftaran"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.PLANNED
    )
    notified_at = models.DateTimeField(_("warga diberi tahu"), null=True, blank=True)
    notified_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hari jemput bola")
        verbose_name_plural = _("hari jemput bola")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.date})"


class OutreachImport(models.Model):
    """One XLSX file checked row by row; its report lists every bad row by line."""

    regency_code = models.CharField(_("kode kabupaten"), max_length=5, db_index=True)
    event = models.ForeignKey(OutreachEvent, on_delete=models.CASCADE, related_name="imports")
    file_name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    bad = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=list)  # [{line, column, value, code, reason}]
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.file_name


class OutreachItem(models.Model):
    """A registration taken on the day. `dedupe_key` (owner NIK, business name, KBLI) makes a
    second import of the same row find the first one instead of registering again."""

    regency_code = models.CharField(_("kode kabupaten"), max_length=5, db_index=True)
    event = models.ForeignKey(OutreachEvent, on_delete=models.CASCADE, related_name="items")
    registration = models.OneToOneField(
        "licensing.BusinessRegistration", on_delete=models.PROTECT, related_name="outreach_item"
    )
    source = models.CharField(max_length=10, choices=ItemSource.choices)
    line = models.PositiveIntegerField(null=True, blank=True)
    import_run = models.ForeignKey(
        OutreachImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="items"
    )
    dedupe_key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "dedupe_key"], name="outreach_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.event_id}:{self.registration_id}"


class OutreachBatch(models.Model):
    """One run of "send to OSS and issue": its counters are the live progress page."""

    regency_code = models.CharField(_("kode kabupaten"), max_length=5, db_index=True)
    event = models.ForeignKey(OutreachEvent, on_delete=models.CASCADE, related_name="batches")
    status = models.CharField(
        max_length=10, choices=BatchStatus.choices, default=BatchStatus.RUNNING
    )
    total = models.PositiveIntegerField(default=0)
    sent = models.PositiveIntegerField(default=0)
    issued = models.PositiveIntegerField(default=0)
    retry = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    documents = models.PositiveIntegerField(default=0)
    merged_paths = models.JSONField(default=list)
    error = models.TextField(blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.event_id} {self.started_at:%Y-%m-%d %H:%M}"
