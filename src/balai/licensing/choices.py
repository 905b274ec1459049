"""Statuses and code lists of licensing, defined once."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

KBLI_EDITION = "2020"


class RiskLevel(models.TextChoices):
    # PP 28/2025 (which replaced PP 5/2021): four levels of risk per KBLI activity.
    LOW = "rendah", _("Rendah")
    MEDIUM_LOW = "menengah_rendah", _("Menengah rendah")
    MEDIUM_HIGH = "menengah_tinggi", _("Menengah tinggi")
    HIGH = "tinggi", _("Tinggi")


RISK_ORDER = [RiskLevel.LOW, RiskLevel.MEDIUM_LOW, RiskLevel.MEDIUM_HIGH, RiskLevel.HIGH]


class Scale(models.TextChoices):
    # PP 7/2021 art. 35: capital excluding land and buildings.
    MICRO = "mikro", _("Usaha mikro")
    SMALL = "kecil", _("Usaha kecil")
    MEDIUM = "menengah", _("Usaha menengah")
    LARGE = "besar", _("Usaha besar")


class RegistrationStatus(models.TextChoices):
    READY = "ready", _("Siap dikirim")
    SUBMITTING = "submitting", _("Sedang dikirim")
    ISSUED = "issued", _("NIB terbit")
    RETRY = "retry", _("Perlu dikirim ulang")
    REJECTED = "rejected", _("Ditolak OSS")


class AttemptOutcome(models.TextChoices):
    PENDING = "pending", _("Menunggu jawaban")
    ISSUED = "issued", _("NIB diterima")
    FOUND = "found", _("NIB ditemukan dengan kunci")
    TIMEOUT = "timeout", _("Waktu habis")
    SERVER_ERROR = "server_error", _("Galat server OSS")
    UNREACHABLE = "unreachable", _("OSS tidak terjangkau")
    REJECTED = "rejected", _("Ditolak OSS")


class Certificate(models.TextChoices):
    NONE = "", _("NIB saja")
    SELF_DECLARED = "self_declared", _("Sertifikat standar (pernyataan mandiri)")
    VERIFICATION = "verification", _("Sertifikat standar (menunggu verifikasi)")
    PERMIT = "permit", _("Izin (diproses sebagai permohonan)")
