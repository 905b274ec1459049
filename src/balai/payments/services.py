"""Changing bills: created at intake, a virtual account opened, paid (gateway or cash), waived.

Each runs in one transaction with its audit event; the bill row is locked first, so a
callback and a cash payment arriving together record one payment.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.roles import ROLE_PERMISSIONS
from balai.audit.services import audit_record
from balai.cases.access import acting_roles, case_may_view, case_staff_roles
from balai.payments.choices import BillStatus, PaymentMethod
from balai.payments.errors import PaymentError
from balai.payments.gateway import GatewayError, GatewayPayment, gateway_for
from balai.payments.models import Bill, Payment
from balai.payments.reference import reference_new

_REFERENCE_ATTEMPTS = 5
# A PNBP receipt is proven by its NTPN at the state treasury; a regional one by the VA.
_RECEIPT_PREFIX = {"pnbp": "NTPN", "daerah": "VA"}
WAIVER_REASON_MIN = 10


def _region(bill: Bill) -> str:
    return bill.case.register_data.get("applicant", {}).get("village_code") or bill.regency_code


def bill_create(
    *, actor: Any, case: Any, amount: int, legal_basis: str, collector: str = "daerah"
) -> Bill:
    """The bill of a case whose standard has a fee; called inside case_submit's transaction.

    `actor` is who filed the case, as the audit trail names them.
    """
    for _attempt in range(_REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                bill = Bill.objects.create(
                    regency_code=case.regency_code,
                    case=case,
                    amount=amount,
                    legal_basis=legal_basis[:250],
                    collector=collector,
                    reference=reference_new(case.regency_code),
                    created_at=timezone.now(),
                )
            break
        except IntegrityError:
            if Bill.objects.filter(case=case).exists():
                raise
    else:
        raise PaymentError(503, "reference_exhausted", _("Gagal membuat kode bayar, coba lagi."))
    audit_record(
        actor=actor,
        action="payments.bill_created",
        obj=bill,
        region_code=_region(bill),
        after={
            "case": case.tracking_code,
            "amount": amount,
            "reference": bill.reference,
            "collector": collector,
        },
    )
    return bill


def _locked(bill: Bill) -> Bill:
    return Bill.objects.select_for_update(of=("self",)).select_related("case").get(pk=bill.pk)


def bill_request_va(*, actor: Any, bill: Bill) -> Bill:
    """Open a virtual account for an open bill at the gateway (once; later calls return it)."""
    if not case_may_view(viewer=actor, case=bill.case):
        raise PaymentError(404, "not_found", _("Tagihan tidak ditemukan."))
    if bill.status != BillStatus.OPEN:
        raise PaymentError(409, "bill_settled", _("Tagihan ini sudah lunas atau dibebaskan."))
    if bill.va_number:
        return bill
    gateway = gateway_for(bill.collector)
    if gateway is None:
        raise PaymentError(
            409,
            "gateway_not_configured",
            _("Pembayaran melalui bank belum tersedia; bayar di loket."),
        )
    expires = timezone.now() + dt.timedelta(days=settings.BALAI_PAYMENT_VA_DAYS)
    # The HTTP call stays outside the transaction: no row is locked while the bank answers.
    try:
        account = gateway.create_virtual_account(
            reference=bill.reference,
            amount=bill.amount,
            name=bill.case.service.name[:60],
            expires_at=expires,
        )
    except GatewayError as exc:
        raise PaymentError(
            502, "gateway_unavailable", _("Layanan pembayaran bank sedang tidak dapat dihubungi.")
        ) from exc
    with transaction.atomic():
        bill = _locked(bill)
        if bill.va_number:
            return bill
        bill.va_number = account.va_number
        bill.va_bank = account.bank
        bill.va_expires_at = account.expires_at
        bill.gateway_id = account.gateway_id
        bill.save(update_fields=["va_number", "va_bank", "va_expires_at", "gateway_id"])
        audit_record(
            actor=actor,
            action="payments.va_opened",
            obj=bill,
            region_code=_region(bill),
            after={"reference": bill.reference, "va_number": bill.va_number},
        )
    return bill


def _settle(bill: Bill, *, status: str, at: dt.datetime) -> None:
    bill.status = status
    bill.settled_at = at
    bill.save(update_fields=["status", "settled_at", "waived_by", "waiver_reason"])


def _check_amount(bill: Bill, amount: int) -> None:
    if amount != bill.amount:
        raise PaymentError(
            422,
            "amount_mismatch",
            _("Jumlah pembayaran tidak sama dengan tagihan (Rp%(amount)s).")
            % {"amount": f"{bill.amount:,}".replace(",", ".")},
        )


def payment_record_gateway(*, paid: GatewayPayment) -> tuple[Payment, bool]:
    """Record what the gateway says was paid; (payment, True) when it was recorded before.

    The same transaction twice (a callback retried, a status query after the callback)
    returns the payment already recorded. A wrong amount is refused and audited.
    """
    with transaction.atomic():
        bill = (
            Bill.objects.select_for_update(of=("self",))
            .select_related("case")
            .filter(reference=paid.reference)
            .first()
        )
        if bill is None:
            raise PaymentError(404, "bill_not_found", _("Tagihan tidak ditemukan."))
        existing = Payment.objects.filter(transaction_id=paid.transaction_id).first()
        if existing is not None:
            if existing.bill_id != bill.pk:
                raise PaymentError(
                    409, "transaction_reused", _("Transaksi ini tercatat untuk tagihan lain.")
                )
            return existing, True
        refusal = None
        if paid.amount != bill.amount:
            refusal = "amount_mismatch"
        elif bill.va_expires_at is not None and paid.paid_at > bill.va_expires_at:
            # An expired billing code or VA cannot be paid: a late report of it changes
            # nothing and is kept on the record for reconciliation.
            refusal = "billing_expired"
        elif bill.status != BillStatus.OPEN:
            refusal = "bill_settled"
        if refusal is None:
            payment = Payment.objects.create(
                regency_code=bill.regency_code,
                bill=bill,
                method=PaymentMethod.GATEWAY,
                amount=paid.amount,
                transaction_id=paid.transaction_id,
                receipt_number=f"{_RECEIPT_PREFIX.get(bill.collector, 'VA')}-{bill.reference}",
                paid_at=paid.paid_at,
                recorded_at=timezone.now(),
                gateway_payload=paid.payload,
            )
            _settle(bill, status=BillStatus.PAID, at=paid.paid_at)
            audit_record(
                actor=None,
                action="payments.paid",
                obj=bill,
                region_code=_region(bill),
                after={
                    "method": PaymentMethod.GATEWAY,
                    "amount": paid.amount,
                    "transaction_id": paid.transaction_id,
                },
            )
            return payment, False
    # Refused: the money still arrived somewhere, so the refusal is on the record.
    with transaction.atomic():
        audit_record(
            actor=None,
            action="payments.gateway_refused",
            obj=bill,
            region_code=_region(bill),
            after={
                "reason": refusal,
                "amount": paid.amount,
                "billed": bill.amount,
                "transaction_id": paid.transaction_id,
            },
        )
    if refusal == "amount_mismatch":
        _check_amount(bill, paid.amount)
    if refusal == "billing_expired":
        raise PaymentError(409, "billing_expired", _("Kode bayar ini sudah kedaluwarsa."))
    raise PaymentError(409, "bill_settled", _("Tagihan ini sudah lunas atau dibebaskan."))


def _may(permission: str, roles: frozenset[str]) -> bool:
    return any(permission in ROLE_PERMISSIONS.get(role, ()) for role in roles)


def bill_pay_cash(*, actor: Any, bill: Bill, amount: int) -> Payment:
    """Cash at the counter: the front desk or the office holding the case takes it."""
    with transaction.atomic():
        bill = _locked(bill)
        case = bill.case
        if not case_may_view(viewer=actor, case=case):
            raise PaymentError(404, "not_found", _("Tagihan tidak ditemukan."))
        if not _may("payments.collect", case_staff_roles(actor, case)):
            raise PaymentError(403, "forbidden", _("Anda tidak berwenang menerima pembayaran ini."))
        if bill.status != BillStatus.OPEN:
            raise PaymentError(409, "bill_settled", _("Tagihan ini sudah lunas atau dibebaskan."))
        _check_amount(bill, amount)
        now = timezone.now()
        payment = Payment.objects.create(
            regency_code=bill.regency_code,
            bill=bill,
            method=PaymentMethod.CASH,
            amount=amount,
            transaction_id=None,
            receipt_number=f"KW-{bill.reference}",
            received_by=actor,
            paid_at=now,
            recorded_at=now,
        )
        _settle(bill, status=BillStatus.PAID, at=now)
        audit_record(
            actor=actor,
            action="payments.paid",
            obj=bill,
            region_code=_region(bill),
            after={
                "method": PaymentMethod.CASH,
                "amount": amount,
                "receipt": payment.receipt_number,
            },
        )
    return payment


def bill_waive(*, actor: Any, bill: Bill, reason: str) -> Bill:
    """Waive the fee (keringanan/pembebasan retribusi) with a written reason.

    Only a role holding `payments.waive` over the office that holds the case may (kepala
    desa, camat, the agency's officer): the counter and the village operator may not.
    """
    reason = (reason or "").strip()
    with transaction.atomic():
        bill = _locked(bill)
        case = bill.case
        if not case_may_view(viewer=actor, case=case):
            raise PaymentError(404, "not_found", _("Tagihan tidak ditemukan."))
        if not _may("payments.waive", acting_roles(actor, case)):
            raise PaymentError(403, "forbidden", _("Anda tidak berwenang membebaskan biaya ini."))
        if bill.status != BillStatus.OPEN:
            raise PaymentError(409, "bill_settled", _("Tagihan ini sudah lunas atau dibebaskan."))
        if len(reason) < WAIVER_REASON_MIN or "\x00" in reason:
            raise PaymentError(
                422,
                "reason_required",
                _("Tuliskan alasan pembebasan biaya (paling sedikit %(n)d karakter).")
                % {"n": WAIVER_REASON_MIN},
            )
        bill.waived_by = actor
        bill.waiver_reason = reason[:2000]
        _settle(bill, status=BillStatus.WAIVED, at=timezone.now())
        audit_record(
            actor=actor,
            action="payments.waived",
            obj=bill,
            region_code=_region(bill),
            before={"status": BillStatus.OPEN},
            after={"status": BillStatus.WAIVED, "reason": bill.waiver_reason},
        )
    return bill


def bills_sync(*, limit: int = 500) -> dict[str, int]:
    """Ask each bill's gateway (VA or SIMPONI) about open bills with an account or billing code
    (a callback may have been lost)."""
    counts = {"checked": 0, "recorded": 0, "failed": 0}
    open_bills = Bill.objects.filter(status=BillStatus.OPEN).exclude(va_number="")
    for bill in open_bills.order_by("created_at")[:limit]:
        gateway = gateway_for(bill.collector)
        if gateway is None:
            continue
        counts["checked"] += 1
        try:
            status = gateway.query(reference=bill.reference)
        except GatewayError:
            counts["failed"] += 1
            continue
        for paid in status.payments:
            try:
                _payment, duplicate = payment_record_gateway(paid=paid)
            except PaymentError:
                counts["failed"] += 1
                continue
            counts["recorded"] += 0 if duplicate else 1
    return counts


def bill_open_after_intake(*, actor: Any, case: Any) -> Bill | None:
    """Right after intake, open the virtual account when a gateway is configured.

    Best effort: the case is filed either way; a bank that does not answer leaves the bill
    payable at the counter, and `balai payments-open-va` (or the case page) asks again.
    """
    bill = Bill.objects.select_related("case__service").filter(case_id=case.pk).first()
    if bill is None or gateway_for(bill.collector) is None:
        return bill
    try:
        return bill_request_va(actor=actor, bill=bill)
    except PaymentError:
        return bill
