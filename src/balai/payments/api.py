"""The payments API: a case's bill, cash at the counter, a waiver, the gateway's callback.

Errors are {"code", "message"}: a stable English code, a message in Bahasa Indonesia.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from balai.cases.errors import CaseError
from balai.cases.selectors import case_get
from balai.core.api_errors import ApiError
from balai.payments.gateway import SignatureError, gateway_get, simponi_get
from balai.payments.models import Bill
from balai.payments.selectors import bill_by_reference, bill_for_case, bill_may
from balai.payments.services import (
    bill_pay_cash,
    bill_request_va,
    bill_waive,
    payment_record_gateway,
)

router = Router(tags=["payments"])


class PaymentOut(Schema):
    method: str
    amount: int
    receipt_number: str
    transaction_id: str | None
    paid_at: dt.datetime


class BillOut(Schema):
    reference: str
    amount: int
    legal_basis: str
    status: str
    va_number: str
    va_bank: str
    va_expires_at: dt.datetime | None
    settled_at: dt.datetime | None
    waiver_reason: str
    payment: PaymentOut | None
    may_collect: bool
    may_waive: bool


class BillCheckOut(Schema):
    reference: str
    amount: int
    status: str
    service: str


class CashIn(Schema):
    amount: int = Field(..., ge=0, le=10**15)


class WaiverIn(Schema):
    reason: str = Field(..., max_length=2000, pattern=r"^[^\x00]*$")


class CallbackOut(Schema):
    result: str
    receipt_number: str


class ErrorOut(Schema):
    code: str
    message: str
    details: Any = None


def _bill_out(bill: Bill, viewer: Any) -> dict[str, Any]:
    payment = getattr(bill, "payment", None) if bill.status == "paid" else None
    may = bill_may(viewer=viewer, bill=bill)
    return {
        "reference": bill.reference,
        "amount": bill.amount,
        "legal_basis": bill.legal_basis,
        "status": bill.status,
        "va_number": bill.va_number,
        "va_bank": bill.va_bank,
        "va_expires_at": bill.va_expires_at,
        "settled_at": bill.settled_at,
        "waiver_reason": bill.waiver_reason,
        "payment": (
            {
                "method": payment.method,
                "amount": payment.amount,
                "receipt_number": payment.receipt_number,
                "transaction_id": payment.transaction_id,
                "paid_at": payment.paid_at,
            }
            if payment
            else None
        ),
        "may_collect": may["collect"],
        "may_waive": may["waive"],
    }


def _bill(request: HttpRequest, case_id: int) -> Bill:
    case = case_get(viewer=request.auth, pk=case_id)
    bill = bill_for_case(viewer=request.auth, case=case) if case is not None else None
    if bill is None:
        raise ApiError(404, "not_found", "Tagihan tidak ditemukan.")
    return bill


def _error(exc: CaseError) -> ApiError:
    return ApiError(exc.status, exc.code, exc.message, exc.details)


def _fresh(request: HttpRequest, bill: Bill) -> dict[str, Any]:
    return _bill_out(bill_for_case(viewer=request.auth, case=bill.case) or bill, request.auth)


@router.get(
    "/cases/{int:case_id}", response={200: BillOut, 404: ErrorOut}, summary="The bill of a case"
)
def bill_detail(request: HttpRequest, case_id: int):
    return Status(200, _bill_out(_bill(request, case_id), request.auth))


@router.post(
    "/cases/{int:case_id}/virtual-account",
    response={200: BillOut, 404: ErrorOut, 409: ErrorOut, 502: ErrorOut},
    summary="Open (or return) the bank virtual account of a case's bill",
)
def bill_virtual_account(request: HttpRequest, case_id: int):
    try:
        bill = bill_request_va(actor=request.auth, bill=_bill(request, case_id))
    except CaseError as exc:
        raise _error(exc) from exc
    return Status(200, _fresh(request, bill))


@router.post(
    "/cases/{int:case_id}/cash",
    response={200: BillOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Record cash paid at the counter (the exact amount of the bill)",
)
def bill_cash(request: HttpRequest, case_id: int, payload: CashIn):
    bill = _bill(request, case_id)
    try:
        bill_pay_cash(actor=request.auth, bill=bill, amount=payload.amount)
    except CaseError as exc:
        raise _error(exc) from exc
    return Status(200, _fresh(request, bill))


@router.post(
    "/cases/{int:case_id}/waiver",
    response={200: BillOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Waive the fee of a case, with a reason",
)
def bill_waiver(request: HttpRequest, case_id: int, payload: WaiverIn):
    bill = _bill(request, case_id)
    try:
        bill_waive(actor=request.auth, bill=bill, reason=payload.reason)
    except CaseError as exc:
        raise _error(exc) from exc
    return Status(200, _fresh(request, bill))


@router.post(
    "/callback",
    auth=None,
    response={200: CallbackOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="The payment gateway reports a paid virtual account (HMAC-signed)",
)
def gateway_callback(request: HttpRequest):
    return _callback(request, gateway_get())


@router.post(
    "/simponi/callback",
    auth=None,
    response={200: CallbackOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="SIMPONI reports a paid PNBP billing code with its NTPN (HMAC-signed)",
)
def simponi_callback(request: HttpRequest):
    return _callback(request, simponi_get())


def _callback(request: HttpRequest, gateway: Any):
    if gateway is None:
        raise ApiError(404, "gateway_not_configured", "Gateway pembayaran tidak dikonfigurasi.")
    try:
        paid = gateway.verify_callback(body=request.body, headers=request.headers)
    except SignatureError as exc:
        raise ApiError(401, "invalid_signature", "Tanda tangan callback tidak sah.") from exc
    except ValueError as exc:
        raise ApiError(422, "invalid_input", "Data callback tidak valid.") from exc
    try:
        payment, duplicate = payment_record_gateway(paid=paid)
    except CaseError as exc:
        raise _error(exc) from exc
    return Status(
        200,
        {
            "result": "duplicate" if duplicate else "recorded",
            "receipt_number": payment.receipt_number,
        },
    )


@router.get(
    "/check/{reference}",
    auth=None,
    response={200: BillCheckOut, 404: ErrorOut, 422: ErrorOut},
    summary="Public check of a payment reference: amount and status, no personal data",
)
def bill_check(request: HttpRequest, reference: str):
    from balai.payments.reference import reference_valid

    if not reference_valid(reference[:20]):
        raise ApiError(422, "invalid_reference", "Kode bayar tidak valid (angka periksa salah).")
    bill = bill_by_reference(reference=reference)
    if bill is None:
        raise ApiError(404, "not_found", "Kode bayar tidak ditemukan.")
    return Status(
        200,
        {
            "reference": bill.reference,
            "amount": bill.amount,
            "status": bill.status,
            "service": bill.case.service.name,
        },
    )
