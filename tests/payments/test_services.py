"""Bills, the gateway adapter, cash, waivers and the payment guard on workflow actions."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from balai.audit.models import AuditEvent
from balai.cases.errors import CaseError
from balai.cases.services import case_act
from balai.payments.choices import BillStatus
from balai.payments.gateway import gateway_get
from balai.payments.models import Bill, Payment
from balai.payments.reference import reference_new, reference_valid
from balai.payments.services import (
    bill_pay_cash,
    bill_request_va,
    bill_waive,
    payment_record_gateway,
)
from tests.payments.fake_gateway import FakeGateway


# --- references --------------------------------------------------------------------------------
@given(st.sampled_from(["35.10", "35.09", "11.01"]), st.data())
def test_a_reference_catches_every_wrong_digit_and_every_swap(regency, data):
    reference = reference_new(regency)
    assert reference_valid(reference)
    assert reference.startswith(regency.replace(".", ""))
    i = data.draw(st.integers(0, 15))
    digit = data.draw(st.sampled_from([d for d in "0123456789" if d != reference[i]]))
    assert not reference_valid(reference[:i] + digit + reference[i + 1 :])
    j = data.draw(st.integers(0, 14))
    if reference[j] != reference[j + 1]:
        swapped = reference[:j] + reference[j + 1] + reference[j] + reference[j + 2 :]
        assert not reference_valid(swapped)


# --- the bill ----------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_service_with_a_fee_gets_a_bill_at_intake(submit_fee, fee_setup):
    case = submit_fee()
    bill = Bill.objects.get(case=case)
    assert (bill.amount, bill.status, bill.regency_code) == (50000, "open", "35.10")
    assert bill.legal_basis.startswith("PP 128/2015")
    assert reference_valid(bill.reference)
    created = AuditEvent.objects.get(action="payments.bill_created", object_id=str(bill.pk))
    assert created.actor == fee_setup.loket and created.after["amount"] == 50000


@pytest.mark.django_db
def test_a_service_without_a_fee_has_no_bill_and_issues_freely(submit_fee, fee_setup):
    from dataclasses import replace

    case = submit_fee(standard=replace(fee_setup.standard, fee=0))
    assert not Bill.objects.filter(case=case).exists()
    case = case_act(actor=fee_setup.officer, case=case, action="accept")
    case = case_act(actor=fee_setup.officer, case=case, action="complete")
    case = case_act(actor=fee_setup.head, case=case, action="sign")
    assert case.status == "issued"


@pytest.mark.django_db
def test_the_product_waits_for_payment(submit_fee, fee_setup):
    case = submit_fee()
    case = case_act(actor=fee_setup.officer, case=case, action="accept")
    with pytest.raises(CaseError) as refused:
        case_act(actor=fee_setup.officer, case=case, action="complete")
    assert (refused.value.status, refused.value.code) == (409, "payment_required")
    assert case.__class__.objects.get(pk=case.pk).state == "in_process"
    bill_pay_cash(actor=fee_setup.loket, bill=case.bill, amount=50000)
    case = case_act(actor=fee_setup.officer, case=case, action="complete")
    assert case_act(actor=fee_setup.head, case=case, action="sign").status == "issued"


# --- the gateway -------------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_gateway_opens_a_signed_virtual_account(gateway, submit_fee, fee_setup):
    bill = submit_fee().bill
    bill = bill_request_va(actor=fee_setup.loket, bill=bill)
    account = gateway.accounts[bill.reference]
    assert bill.va_number == account["va_number"] and account["amount"] == 50000
    assert bill_request_va(actor=fee_setup.loket, bill=bill).va_number == bill.va_number
    assert len(gateway.accounts) == 1 and gateway.refused == []


@pytest.mark.django_db
def test_a_gateway_with_the_wrong_secret_is_refused(settings, submit_fee, fee_setup):
    with FakeGateway() as fake:
        settings.BALAI_PAYMENT_GATEWAY_URL = fake.url
        settings.BALAI_PAYMENT_GATEWAY_CLIENT_ID = "balai-uji"
        settings.BALAI_PAYMENT_GATEWAY_SECRET = "x" * 40
        bill = submit_fee().bill
        with pytest.raises(CaseError) as refused:
            bill_request_va(actor=fee_setup.loket, bill=bill)
    assert refused.value.code == "gateway_unavailable"
    assert fake.refused == ["/v1/virtual-accounts"]
    assert Bill.objects.get(pk=bill.pk).va_number == ""


def _callback(client, gateway, reference, payment, **kw):
    body, headers = gateway.callback(reference, payment, **kw)
    return client.post(
        "/api/v1/payments/callback",
        data=body,
        content_type="application/json",
        headers={k: v for k, v in headers.items() if k != "Content-Type"},
    )


@pytest.mark.django_db
def test_the_same_callback_twice_records_one_payment(client, gateway, submit_fee, fee_setup):
    bill = bill_request_va(actor=fee_setup.loket, bill=submit_fee().bill)
    paid = gateway.pay(bill.reference)
    first = _callback(client, gateway, bill.reference, paid)
    again = _callback(client, gateway, bill.reference, paid)
    assert (first.status_code, first.json()["result"]) == (200, "recorded")
    assert (again.status_code, again.json()["result"]) == (200, "duplicate")
    assert Payment.objects.filter(bill=bill).count() == 1
    assert Bill.objects.get(pk=bill.pk).status == BillStatus.PAID
    assert AuditEvent.objects.filter(action="payments.paid", object_id=str(bill.pk)).count() == 1


@pytest.mark.django_db
def test_a_callback_for_the_wrong_amount_is_refused_and_recorded(
    client, gateway, submit_fee, fee_setup
):
    bill = bill_request_va(actor=fee_setup.loket, bill=submit_fee().bill)
    paid = gateway.pay(bill.reference, amount=5000)
    response = _callback(client, gateway, bill.reference, paid)
    assert (response.status_code, response.json()["code"]) == (422, "amount_mismatch")
    assert Bill.objects.get(pk=bill.pk).status == BillStatus.OPEN
    assert not Payment.objects.exists()
    refused = AuditEvent.objects.get(action="payments.gateway_refused")
    assert refused.after["reason"] == "amount_mismatch"


@pytest.mark.django_db
def test_a_callback_with_a_bad_signature_changes_nothing(client, gateway, submit_fee, fee_setup):
    bill = bill_request_va(actor=fee_setup.loket, bill=submit_fee().bill)
    paid = gateway.pay(bill.reference)
    response = _callback(client, gateway, bill.reference, paid, secret="bukan-rahasianya" * 3)
    assert (response.status_code, response.json()["code"]) == (401, "invalid_signature")
    assert Bill.objects.get(pk=bill.pk).status == BillStatus.OPEN


@pytest.mark.django_db
def test_a_lost_callback_is_found_by_the_status_query(gateway, submit_fee, fee_setup):
    bill = bill_request_va(actor=fee_setup.loket, bill=submit_fee().bill)
    gateway.pay(bill.reference)
    call_command("payments-sync")
    call_command("payments-sync")
    assert Bill.objects.get(pk=bill.pk).status == BillStatus.PAID
    assert Payment.objects.get(bill=bill).method == "gateway"


@pytest.mark.django_db
def test_a_callback_after_cash_is_refused(gateway, submit_fee, fee_setup):
    bill = bill_request_va(actor=fee_setup.loket, bill=submit_fee().bill)
    bill_pay_cash(actor=fee_setup.loket, bill=bill, amount=50000)
    paid = gateway.pay(bill.reference)
    with pytest.raises(CaseError) as refused:
        payment_record_gateway(
            paid=gateway_get().verify_callback(
                body=gateway.callback(bill.reference, paid)[0],
                headers=gateway.callback(bill.reference, paid)[1],
            )
        )
    assert refused.value.code == "bill_settled"
    assert Payment.objects.get(bill=bill).method == "cash"


# --- cash and waivers --------------------------------------------------------------------------
@pytest.mark.django_db
def test_cash_must_be_the_exact_amount(submit_fee, fee_setup):
    bill = submit_fee().bill
    with pytest.raises(CaseError) as refused:
        bill_pay_cash(actor=fee_setup.loket, bill=bill, amount=40000)
    assert refused.value.code == "amount_mismatch"
    payment = bill_pay_cash(actor=fee_setup.loket, bill=bill, amount=50000)
    assert payment.receipt_number == f"KW-{bill.reference}"
    with pytest.raises(CaseError) as twice:
        bill_pay_cash(actor=fee_setup.loket, bill=bill, amount=50000)
    assert twice.value.code == "bill_settled"


@pytest.mark.django_db
def test_cash_is_taken_only_in_scope(submit_fee, fee_setup, make_staff, make_service_point):
    bill = submit_fee().bill
    elsewhere = make_staff("petugas_loket", service_point=make_service_point("mpp-jember"))
    kades = make_staff("kepala_desa", region="35.10.05.2001")
    for actor, status in ((elsewhere, 404), (kades, 404)):
        with pytest.raises(CaseError) as refused:
            bill_pay_cash(actor=actor, bill=bill, amount=50000)
        assert refused.value.status == status
    assert Bill.objects.get(pk=bill.pk).status == BillStatus.OPEN


@pytest.mark.django_db
def test_a_waiver_needs_the_role_and_a_reason(submit_fee, fee_setup):
    case = submit_fee()
    bill = case.bill
    with pytest.raises(CaseError) as counter:
        bill_waive(actor=fee_setup.loket, bill=bill, reason="Warga kurang mampu, SKTM desa")
    assert counter.value.status == 403
    with pytest.raises(CaseError) as no_reason:
        bill_waive(actor=fee_setup.officer, bill=bill, reason="  ")
    assert no_reason.value.code == "reason_required"
    bill = bill_waive(
        actor=fee_setup.officer, bill=bill, reason="Warga kurang mampu, SKTM desa terlampir"
    )
    assert bill.status == BillStatus.WAIVED and bill.waived_by == fee_setup.officer
    event = AuditEvent.objects.get(action="payments.waived")
    assert event.after["reason"].startswith("Warga kurang mampu")
    case = case_act(actor=fee_setup.officer, case=case, action="accept")
    case = case_act(actor=fee_setup.officer, case=case, action="complete")
    assert case_act(actor=fee_setup.head, case=case, action="sign").status == "issued"
