"""Bills for services with a fee (retribusi, PNBP) and the payments that settle them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from balai.payments.choices import BillStatus, PaymentMethod


class Bill(models.Model):
    """What a case owes: the standard's fee, its legal basis, and a reference to pay it by."""

    regency_code = models.CharField(_("kode kabupaten"), max_length=5)
    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="bill", verbose_name=_("permohonan")
    )
    amount = models.PositiveBigIntegerField(_("jumlah (rupiah)"))
    legal_basis = models.CharField(_("dasar tarif"), max_length=250, blank=True)
    reference = models.CharField(_("kode bayar"), max_length=16, unique=True)
    # Who receives the money (catalog FeeCollector): "daerah" through the regency's virtual
    # account, "pnbp" through a SIMPONI billing code to the state treasury.
    collector = models.CharField(_("penerima"), max_length=10, default="daerah")
    status = models.CharField(
        _("status"), max_length=10, choices=BillStatus.choices, default=BillStatus.OPEN
    )
    # The virtual account the gateway opened for it, once asked.
    va_number = models.CharField(_("nomor virtual account"), max_length=40, blank=True)
    va_bank = models.CharField(_("bank"), max_length=60, blank=True)
    va_expires_at = models.DateTimeField(_("berlaku sampai"), null=True, blank=True)
    gateway_id = models.CharField(_("ID gateway"), max_length=80, blank=True)
    created_at = models.DateTimeField(_("dibuat pada"))
    settled_at = models.DateTimeField(_("lunas/dibebaskan pada"), null=True, blank=True)
    waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibebaskan oleh"),
    )
    waiver_reason = models.TextField(_("alasan pembebasan"), blank=True)

    class Meta:
        verbose_name = _("tagihan")
        verbose_name_plural = _("tagihan")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["regency_code", "status"], name="bill_regency_status")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=BillStatus.WAIVED) | ~Q(waiver_reason=""),
                name="bill_waiver_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def treasury(self) -> str:
        """The treasury the money goes to, as receipts and dashboards name it."""
        return str(TREASURIES.get(self.collector, TREASURIES["daerah"]))


TREASURIES = {
    "daerah": _("Kas Daerah (virtual account)"),
    "pnbp": _("Kas Negara (SIMPONI)"),
}


class Payment(models.Model):
    """Money received for a bill: by the gateway's callback, or in cash at the counter.

    One per bill (the database says so), and one per gateway transaction: the same callback
    twice finds the payment it already made.
    """

    regency_code = models.CharField(_("kode kabupaten"), max_length=5)
    bill = models.OneToOneField(
        Bill, on_delete=models.PROTECT, related_name="payment", verbose_name=_("tagihan")
    )
    method = models.CharField(_("cara bayar"), max_length=10, choices=PaymentMethod.choices)
    amount = models.PositiveBigIntegerField(_("jumlah (rupiah)"))
    # The gateway's transaction id; empty (NULL) for cash.
    transaction_id = models.CharField(
        _("ID transaksi"), max_length=80, null=True, blank=True, unique=True
    )
    receipt_number = models.CharField(_("nomor kuitansi"), max_length=40, unique=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diterima oleh"),
    )
    paid_at = models.DateTimeField(_("dibayar pada"))
    recorded_at = models.DateTimeField(_("dicatat pada"))
    # What the gateway said, kept as evidence for reconciliation.
    gateway_payload = models.JSONField(_("data gateway"), default=dict, blank=True)

    class Meta:
        verbose_name = _("pembayaran")
        verbose_name_plural = _("pembayaran")
        ordering = ["-paid_at"]

    def __str__(self) -> str:
        return self.receipt_number
