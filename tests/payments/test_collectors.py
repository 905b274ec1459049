"""Fees by who collects them: PNBP through a SIMPONI billing code to the state treasury, a
retribution through the regency's virtual account, a state company's bill not at all; each
gateway end to end over HTTP on loopback, with idempotent callbacks."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from balai.audit.models import AuditEvent
from balai.payments.models import Bill, Payment
from balai.payments.services import bill_open_after_intake
from tests.payments.fake_gateway import CLIENT_ID, SECRET, FakeGateway
from tests.payments.fake_simponi import CLIENT_ID as SIMPONI_ID
from tests.payments.fake_simponi import SECRET as SIMPONI_SECRET
from tests.payments.fake_simponi import FakeSimponi


@pytest.fixture
def both_gateways(settings, live_server):
    with (
        FakeGateway(callback_url=f"{live_server.url}/api/v1/payments/callback") as bank,
        FakeSimponi(callback_url=f"{live_server.url}/api/v1/payments/simponi/callback") as state,
    ):
        settings.BALAI_PAYMENT_GATEWAY_URL = bank.url
        settings.BALAI_PAYMENT_GATEWAY_CLIENT_ID = CLIENT_ID
        settings.BALAI_PAYMENT_GATEWAY_SECRET = SECRET
        settings.BALAI_SIMPONI_URL = state.url
        settings.BALAI_SIMPONI_CLIENT_ID = SIMPONI_ID
        settings.BALAI_SIMPONI_SECRET = SIMPONI_SECRET
        yield bank, state


def _standard(fee_setup, collector: str, basis: str):
    return dataclasses.replace(fee_setup.standard, fee_collector=collector, fee_legal_basis=basis)


@pytest.mark.django_db(transaction=True)
def test_pnbp_and_retribution_each_through_their_own_gateway(
    both_gateways, fee_setup, submit_fee, make_resident
):
    bank, state = both_gateways
    # PNBP: PP 128/2015 on the BPN's tariffs, paid to the state treasury.
    pnbp_case = submit_fee(
        standard=_standard(fee_setup, "pnbp", "PP 128/2015 tentang Jenis dan Tarif PNBP ATR/BPN")
    )
    # A retribution of the regency (a Perda), paid to the regency treasury.
    retribution_case = submit_fee(
        applicant=make_resident(name="Budi"),
        standard=_standard(fee_setup, "daerah", "Perda Kabupaten Banyuwangi tentang Retribusi"),
    )
    # Right after intake each bill is opened at its own gateway (as the counter does).
    pnbp = bill_open_after_intake(actor=fee_setup.loket, case=pnbp_case)
    retribution = bill_open_after_intake(actor=fee_setup.loket, case=retribution_case)
    assert (pnbp.collector, pnbp.va_bank) == ("pnbp", "SIMPONI")
    assert len(pnbp.va_number) == 15 and pnbp.reference in state.billings
    assert pnbp.reference not in bank.accounts
    assert retribution.va_bank == "BANK JATIM" and retribution.reference in bank.accounts
    assert retribution.reference not in state.billings

    # Each treasury reports its payment over HTTP; a retried callback records nothing new.
    ntpn = state.pay(pnbp.reference)
    assert state.deliver(pnbp.reference, ntpn) == (
        200,
        {"result": "recorded", "receipt_number": f"NTPN-{pnbp.reference}"},
    )
    assert state.deliver(pnbp.reference, ntpn)[1]["result"] == "duplicate"
    va = bank.pay(retribution.reference)
    assert bank.deliver(retribution.reference, va)[1]["result"] == "recorded"
    assert bank.deliver(retribution.reference, va)[1]["result"] == "duplicate"

    assert Payment.objects.count() == 2
    assert Payment.objects.get(bill=pnbp).transaction_id == ntpn["ntpn"]
    pnbp.refresh_from_db()
    retribution.refresh_from_db()
    assert (pnbp.status, retribution.status) == ("paid", "paid")
    assert str(pnbp.treasury) == "Kas Negara (SIMPONI)"
    assert str(retribution.treasury) == "Kas Daerah (virtual account)"
    assert AuditEvent.objects.filter(action="payments.paid").count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_late_callback_for_an_expired_billing_code_changes_nothing(
    both_gateways, fee_setup, submit_fee
):
    _bank, state = both_gateways
    case = submit_fee(standard=_standard(fee_setup, "pnbp", "PP 128/2015"))
    bill = bill_open_after_intake(actor=fee_setup.loket, case=case)
    assert bill.va_expires_at is not None
    state.expire(bill.reference)
    late = state.pay(bill.reference, at=bill.va_expires_at + dt.timedelta(minutes=1))
    status, body = state.deliver(bill.reference, late)
    assert (status, body["code"]) == (409, "billing_expired")
    bill.refresh_from_db()
    assert bill.status == "open" and not Payment.objects.exists()
    refused = AuditEvent.objects.get(action="payments.gateway_refused")
    assert refused.after["reason"] == "billing_expired"
    # Sent again, it is refused again, and still nothing changes.
    assert state.deliver(bill.reference, late)[0] == 409
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_a_state_company_bill_is_not_billed_in_balai(fee_setup, submit_fee):
    case = submit_fee(standard=_standard(fee_setup, "bumn", "Tarif PDAM"))
    assert not Bill.objects.filter(case=case).exists()
