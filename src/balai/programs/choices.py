"""Statuses and code lists of the programmes, defined once."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class BenefitKind(models.TextChoices):
    VOUCHER = "voucher", _("Voucher")
    TRANSFER = "transfer", _("Transfer uang")
    GOODS = "goods", _("Barang")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Diajukan")
    VERIFIED = "verified", _("Diverifikasi lapangan")
    APPROVED = "approved", _("Disetujui")
    REFUSED = "refused", _("Ditolak")
    APPEALED = "appealed", _("Banding")


# An application holds a quota slot while it may still become a beneficiary.
HOLDS_QUOTA = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.VERIFIED,
    ApplicationStatus.APPROVED,
    ApplicationStatus.APPEALED,
)


class Channel(models.TextChoices):
    COUNTER = "counter", _("Loket")
    KIOSK = "kiosk", _("Anjungan mandiri")
    PORTAL = "portal", _("Portal warga")
    OUTREACH = "outreach", _("Jemput bola")


class VoucherStatus(models.TextChoices):
    ISSUED = "issued", _("Belum dipakai")
    REDEEMED = "redeemed", _("Sudah dipakai")


class TransferStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu")
    PAID = "paid", _("Dibayar")
    RETURNED = "returned", _("Dikembalikan")
    HANDED_OVER = "handed_over", _("Diserahkan (barang)")


class BatchStatus(models.TextChoices):
    OPEN = "open", _("Disusun")
    SENT = "sent", _("Dikirim ke bank")
    CLOSED = "closed", _("Selesai")
