"""Bill pages: cash at the counter, a waiver, a virtual account, the payment receipt. Thin: the
services decide; these only translate HTTP."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balai.cases.errors import CaseError
from balai.cases.selectors import case_get
from balai.cases.tracking import tracking_code_display
from balai.payments.models import Bill
from balai.payments.selectors import bill_for_case
from balai.payments.services import bill_pay_cash, bill_request_va, bill_waive


def _bill_or_404(request: HttpRequest, pk: int) -> Bill:
    case = case_get(viewer=request.user, pk=pk)
    bill = bill_for_case(viewer=request.user, case=case) if case is not None else None
    if bill is None:
        raise Http404
    return bill


def _done(request: HttpRequest, bill: Bill, call, success: str) -> HttpResponse:
    try:
        call()
    except CaseError as exc:
        if exc.status == 404:
            raise Http404 from exc
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect("cases:detail", pk=bill.case_id)


@login_required
@require_POST
def cash(request: HttpRequest, pk: int) -> HttpResponse:
    bill = _bill_or_404(request, pk)
    raw = (request.POST.get("jumlah") or "").replace(".", "").strip()
    if not raw.isdigit() or len(raw) > 15:
        messages.error(request, _("Jumlah pembayaran harus berupa angka rupiah."))
        return redirect("cases:detail", pk=bill.case_id)
    return _done(
        request,
        bill,
        lambda: bill_pay_cash(actor=request.user, bill=bill, amount=int(raw)),
        _("Pembayaran tunai tercatat."),
    )


@login_required
@require_POST
def waive(request: HttpRequest, pk: int) -> HttpResponse:
    bill = _bill_or_404(request, pk)
    reason = request.POST.get("alasan", "")[:2000]
    return _done(
        request,
        bill,
        lambda: bill_waive(actor=request.user, bill=bill, reason=reason),
        _("Biaya layanan dibebaskan."),
    )


@login_required
@require_POST
def virtual_account(request: HttpRequest, pk: int) -> HttpResponse:
    bill = _bill_or_404(request, pk)
    return _done(
        request,
        bill,
        lambda: bill_request_va(actor=request.user, bill=bill),
        _("Virtual account dibuat."),
    )


@login_required
def receipt(request: HttpRequest, pk: int) -> HttpResponse:
    bill = _bill_or_404(request, pk)
    if bill.status != "paid":
        raise Http404
    return render(
        request,
        "payments/receipt.html",
        {
            "bill": bill,
            "case": bill.case,
            "payment": bill.payment,
            "display_code": tracking_code_display(bill.case.tracking_code),
            "paper": "80mm" if request.GET.get("kertas") == "80mm" else "a4",
        },
    )
