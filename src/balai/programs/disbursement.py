"""Aid to shops: approved applicants grouped into batches, paid through the regional bank,
or handed goods in person with a receipt (berita acara serah terima)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.audit.services import audit_record
from balai.programs.bank import BankGateway, transfer_file
from balai.programs.choices import ApplicationStatus, BatchStatus, BenefitKind, TransferStatus
from balai.programs.errors import ProgramError
from balai.programs.models import Application, DisbursementBatch, Programme, Transfer
from balai.programs.services import permission_require

LIVE = [TransferStatus.PENDING, TransferStatus.PAID, TransferStatus.HANDED_OVER]


def batch_create(*, actor: Any, programme: Programme) -> DisbursementBatch:
    """A batch of every approved applicant not yet paid, in a pending or a paid transfer;
    one whose transfer came back returned goes into the next batch."""
    permission_require(actor, "programs.disburse", programme)
    if programme.benefit_kind == BenefitKind.VOUCHER:
        raise ProgramError(400, "not_disbursed", _("Program voucher tidak dibayar per batch."))
    with transaction.atomic():
        # The programme row is the batch lock: two batches never take the same applicant.
        Programme.objects.select_for_update().get(pk=programme.pk)
        waiting = (
            Application.objects.filter(programme=programme, status=ApplicationStatus.APPROVED)
            .exclude(transfers__status__in=LIVE)
            .order_by("pk")
        )
        apps = list(waiting)
        if not apps:
            raise ProgramError(409, "nothing_to_pay", _("Tidak ada penerima yang menunggu."))
        number = (programme.batches.aggregate(n=Max("number"))["n"] or 0) + 1
        batch = DisbursementBatch.objects.create(
            programme=programme,
            number=number,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        Transfer.objects.bulk_create(
            Transfer(
                regency_code=a.regency_code,
                batch=batch,
                application=a,
                reference=uuid.uuid4().hex,
                amount=a.amount,
                account=a.bank_account,
            )
            for a in apps
        )
        audit_record(
            actor=actor,
            action="programs.batch.create",
            obj=batch,
            region_code=programme.regency_id,
            after={"transfers": len(apps), "amount": sum(a.amount for a in apps)},
        )
    return batch


def batch_file(batch: DisbursementBatch) -> str:
    """The CSV for the bank (layout in programs/bank.py) of the batch's pending transfers."""
    rows = [
        {
            "reference": t.reference,
            "account": t.account,
            "name": t.application.applicant_name,
            "amount": t.amount,
            "description": f"{batch} {batch.programme.code}",
        }
        for t in batch.transfers.filter(status=TransferStatus.PENDING)
        .select_related("application")
        .order_by("pk")
    ]
    return transfer_file(rows)


def batch_send(*, actor: Any, batch: DisbursementBatch, gateway: BankGateway) -> dict[str, int]:
    """Send every pending transfer; each outcome is saved with its audit event at once, so a
    crash halfway leaves the rest pending and a resend reuses their references."""
    permission_require(actor, "programs.disburse", batch)
    if batch.programme.benefit_kind != BenefitKind.TRANSFER:
        raise ProgramError(400, "not_a_transfer", _("Program ini menyerahkan barang."))
    pending = list(
        batch.transfers.filter(status=TransferStatus.PENDING).select_related("application")
    )
    for transfer in pending:
        if not transfer.account:
            _settle(actor, transfer, TransferStatus.RETURNED, reason=_("Nomor rekening kosong."))
            continue
        result = gateway.transfer(
            reference=transfer.reference,
            account=transfer.account,
            name=transfer.application.applicant_name,
            amount=transfer.amount,
        )
        if result.kind == "paid":
            _settle(actor, transfer, TransferStatus.PAID, bank_ref=result.bank_ref)
        elif result.kind == "failed":
            _settle(actor, transfer, TransferStatus.RETURNED, reason=result.reason)
    with transaction.atomic():
        left = batch.transfers.filter(status=TransferStatus.PENDING).exists()
        batch.status = BatchStatus.SENT if left else BatchStatus.CLOSED
        batch.save(update_fields=["status"])
    return batch_totals(batch).counts


def _settle(
    actor: Any, transfer: Transfer, status: str, *, bank_ref: str = "", reason: str = ""
) -> None:
    with transaction.atomic():
        # Conditional on still pending: a second sender racing this one changes nothing.
        changed = Transfer.objects.filter(pk=transfer.pk, status=TransferStatus.PENDING).update(
            status=status, bank_ref=bank_ref, reason=reason[:200], settled_at=timezone.now()
        )
        if changed:
            audit_record(
                actor=actor,
                action=f"programs.transfer.{status}",
                obj=transfer,
                region_code=transfer.application.village_id,
                after={"amount": transfer.amount, "bank_ref": bank_ref, "reason": reason},
            )


def transfer_handover(
    *, actor: Any, transfer: Transfer, receiver_name: str, receipt_number: str
) -> Transfer:
    """Goods handed over in person, recorded with the number of the signed berita acara."""
    permission_require(actor, "programs.disburse", transfer.batch)
    if not receiver_name.strip() or not receipt_number.strip():
        raise ProgramError(
            400, "receipt_required", _("Nama penerima dan nomor berita acara wajib diisi.")
        )
    with transaction.atomic():
        changed = Transfer.objects.filter(pk=transfer.pk, status=TransferStatus.PENDING).update(
            status=TransferStatus.HANDED_OVER,
            receiver_name=receiver_name.strip()[:120],
            receipt_number=receipt_number.strip()[:60],
            settled_at=timezone.now(),
        )
        if not changed:
            raise ProgramError(409, "bad_state", _("Penyerahan ini sudah dicatat."))
        audit_record(
            actor=actor,
            action="programs.transfer.handed_over",
            obj=transfer,
            region_code=transfer.application.village_id,
            after={"receipt": receipt_number, "receiver": receiver_name},
        )
    transfer.refresh_from_db()
    return transfer


@dataclass
class BatchTotals:
    planned: int
    paid: int
    returned: int
    pending: int
    counts: dict[str, int]

    @property
    def reconciles(self) -> bool:
        return self.planned == self.paid + self.returned + self.pending


def batch_totals(batch: DisbursementBatch) -> BatchTotals:
    rows = batch.transfers.aggregate(
        planned=Sum("amount"),
        paid=Sum("amount", filter=Q(status__in=[TransferStatus.PAID, TransferStatus.HANDED_OVER])),
        returned=Sum("amount", filter=Q(status=TransferStatus.RETURNED)),
        pending=Sum("amount", filter=Q(status=TransferStatus.PENDING)),
    )
    counts = {s: batch.transfers.filter(status=s).count() for s in TransferStatus.values}
    return BatchTotals(
        planned=rows["planned"] or 0,
        paid=rows["paid"] or 0,
        returned=rows["returned"] or 0,
        pending=rows["pending"] or 0,
        counts=counts,
    )
