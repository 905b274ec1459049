"""Aid to shops: batches paid through a fake regional bank that fails some transfers."""

from __future__ import annotations

import csv
import io

import pytest

from balai.audit.models import AuditEvent
from balai.programs.bank import FakeBank, HttpBankGateway
from balai.programs.decisions import application_approve, application_verify
from balai.programs.disbursement import (
    batch_create,
    batch_file,
    batch_send,
    batch_totals,
    transfer_handover,
)
from balai.programs.errors import ProgramError
from balai.programs.models import QuotaCounter
from balai.programs.services import application_submit


@pytest.fixture
def approved_shops(programmes, make_resident, make_sku, village_operator, owner_officer):
    warung = programmes["bantuan-warung"]
    QuotaCounter.objects.filter(programme=warung).update(limit=50)
    apps = []
    for i in range(10):
        resident = make_resident(name=f"Pemilik Warung {i}")
        make_sku(resident)
        account = "" if i == 9 else f"00{i:08d}"
        app = application_submit(
            actor=village_operator,
            programme=warung,
            resident=resident,
            channel="counter",
            bank_account=account,
        ).application
        application_verify(
            actor=village_operator, application=app, latitude=-8.4, longitude=114.3, checklist={}
        )
        apps.append(application_approve(actor=owner_officer, application=app))
    return apps


def test_batch_with_bank_failures_ends_paid_or_returned_and_reconciles(
    approved_shops, owner_officer, programmes, village_operator
):
    warung = programmes["bantuan-warung"]
    with pytest.raises(ProgramError) as err:  # a village desk does not pay
        batch_create(actor=village_operator, programme=warung)
    assert err.value.code == "forbidden"
    batch = batch_create(actor=owner_officer, programme=warung)
    rows = list(csv.DictReader(io.StringIO(batch_file(batch))))
    assert len(rows) == 10 and {r["amount"] for r in rows} == {"2500000"}
    refs = {t.account: t.reference for t in batch.transfers.all()}
    with FakeBank(
        fail_accounts={"0000000001": "Rekening tidak aktif", "0000000002": "Nama tidak sesuai"},
        flaky={refs["0000000003"], refs["0000000004"]},
    ) as bank:
        gateway = HttpBankGateway(bank.url, timeout=5)
        first = batch_send(actor=owner_officer, batch=batch, gateway=gateway)
        assert first["pending"] == 2  # the two that met a server error wait for a resend
        second = batch_send(actor=owner_officer, batch=batch, gateway=gateway)
        third = batch_send(actor=owner_officer, batch=batch, gateway=gateway)
    assert second == third == {"pending": 0, "paid": 7, "returned": 3, "handed_over": 0}
    returned = {t.account: t.reason for t in batch.transfers.filter(status="returned")}
    assert returned == {
        "0000000001": "Rekening tidak aktif",
        "0000000002": "Nama tidak sesuai",
        "": "Nomor rekening kosong.",
    }
    paid_refs = [ref for ref, _amount in bank.payments]
    assert len(paid_refs) == len(set(paid_refs)) == 7  # none paid twice
    totals = batch_totals(batch)
    assert totals.reconciles
    assert totals.planned == 10 * 2_500_000
    assert totals.paid == sum(a for _r, a in bank.payments) == 7 * 2_500_000
    assert totals.returned == 3 * 2_500_000
    assert AuditEvent.objects.filter(action="programs.transfer.paid").count() == 7
    batch.refresh_from_db()
    assert batch.status == "closed"
    # The returned come back in the next batch; the paid never do.
    retry = batch_create(actor=owner_officer, programme=warung)
    assert sorted(t.account for t in retry.transfers.all()) == ["", "0000000001", "0000000002"]


def test_goods_handed_over_with_a_receipt(approved_shops, owner_officer, programmes):
    warung = programmes["bantuan-warung"]
    warung.benefit_kind = "goods"
    warung.save()
    batch = batch_create(actor=owner_officer, programme=warung)
    transfer = batch.transfers.first()
    with pytest.raises(ProgramError):
        transfer_handover(
            actor=owner_officer, transfer=transfer, receiver_name="", receipt_number=""
        )
    done = transfer_handover(
        actor=owner_officer,
        transfer=transfer,
        receiver_name="Siti",
        receipt_number="BAST/001/2026",
    )
    assert done.status == "handed_over" and done.receipt_number == "BAST/001/2026"
    with pytest.raises(ProgramError) as err:
        transfer_handover(
            actor=owner_officer, transfer=transfer, receiver_name="X", receipt_number="Y"
        )
    assert err.value.code == "bad_state"
