"""Shipping vouchers: issued on approval, redeemed once per parcel, reconciled per month."""

from __future__ import annotations

import random
import threading
from io import BytesIO

import pytest
from django.db import close_old_connections
from django.utils import timezone
from openpyxl import load_workbook

from balai.audit.models import AuditEvent
from balai.programs.errors import ProgramError
from balai.programs.exports import claim_workbook
from balai.programs.models import Voucher
from balai.programs.partner_fake import FakePartner
from balai.programs.vouchers import claim_reconcile, month_start, voucher_redeem

URL = "/api/v1/programs/vouchers/redeem"


def _this_month_codes(app) -> list[str]:
    return list(
        app.vouchers.filter(month=month_start(timezone.localdate()))
        .order_by("code")
        .values_list("code", flat=True)
    )


def test_approval_issues_the_vouchers_of_every_month(approved_ongkir):
    vouchers = approved_ongkir.vouchers.all()
    assert vouchers.count() == 20 * 2
    assert {v.value for v in vouchers} == {15_000}
    assert len({v.month for v in vouchers}) == 2
    assert len(_this_month_codes(approved_ongkir)) == 20


def test_partner_redeems_through_the_api_once_per_voucher_and_parcel(
    client, approved_ongkir, partner
):
    _partner, token = partner
    first, second, *_ = _this_month_codes(approved_ongkir)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    ok = client.post(
        URL, {"code": first, "parcel_ref": "JNE001"}, content_type="application/json", **auth
    )
    assert ok.status_code == 200 and ok.json()["value"] == 15_000
    again = client.post(
        URL, {"code": first, "parcel_ref": "JNE002"}, content_type="application/json", **auth
    )
    assert again.status_code == 409 and again.json()["code"] == "voucher_used"
    parcel = client.post(
        URL, {"code": second, "parcel_ref": "JNE001"}, content_type="application/json", **auth
    )
    assert parcel.status_code == 409 and parcel.json()["code"] == "parcel_used"
    assert Voucher.objects.get(code=second).status == "issued"
    unknown = client.post(
        URL, {"code": "OKNOPE", "parcel_ref": "X"}, content_type="application/json", **auth
    )
    assert unknown.status_code == 404 and unknown.json()["code"] == "voucher_unknown"
    stranger = client.post(
        URL,
        {"code": second, "parcel_ref": "X"},
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer bp_wrong",
    )
    assert stranger.status_code == 401
    assert AuditEvent.objects.filter(action="programs.voucher.redeem").count() == 1


def test_next_months_voucher_is_not_yet_valid(approved_ongkir, partner):
    later = approved_ongkir.vouchers.exclude(month=month_start(timezone.localdate())).first()
    with pytest.raises(ProgramError) as err:
        voucher_redeem(partner=partner[0], code=later.code, parcel_ref="P1")
    assert err.value.code == "voucher_wrong_month"


@pytest.mark.django_db(transaction=True)
def test_fake_partner_over_http_on_loopback(live_server, approved_ongkir, partner):
    fake = FakePartner(live_server.url, partner[1])
    code = _this_month_codes(approved_ongkir)[0]
    assert fake.redeem(code, "SICEPAT-1").status == 200
    answer = fake.redeem(code, "SICEPAT-2")
    assert (answer.status, answer.body["code"]) == (409, "voucher_used")


def test_claim_reconciled_and_exported_with_neutralised_cells(approved_ongkir, partner):
    codes = _this_month_codes(approved_ongkir)
    for i, code in enumerate(codes[:3]):
        voucher_redeem(partner=partner[0], code=code, parcel_ref=f"=cmd|' /C calc'!A{i}")
    claimed = [codes[0], codes[1], '=HYPERLINK("http://x")']
    result = claim_reconcile(
        actor=None, partner=partner[0], month=timezone.localdate(), claimed_codes=claimed
    )
    assert [v.code for v in result.matched] == codes[:2]
    assert result.unknown == ['=HYPERLINK("HTTP://X")']
    assert [v.code for v in result.unclaimed] == [codes[2]]
    assert result.payable == 30_000
    sheet = load_workbook(BytesIO(claim_workbook(result))).active
    values = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any(v.startswith(("=", "+", "-", "@")) for v in values)
    assert '\'=HYPERLINK("HTTP://X")' in values
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert any(v.startswith("3510****") for v in values)  # NIK masked


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_eight_threads_redeem_the_same_thousand_vouchers_each_once(approved_ongkir, partner):
    month = month_start(timezone.localdate())
    Voucher.objects.bulk_create(
        Voucher(
            regency_code="35.10",
            application=approved_ongkir,
            code=f"OKT{n:06d}",
            value=15_000,
            month=month,
        )
        for n in range(1000)
    )
    codes = [f"OKT{n:06d}" for n in range(1000)]
    wins: list[str] = []
    errors: list[str] = []
    barrier = threading.Barrier(8)

    def worker(k: int) -> None:
        order = codes[:]
        random.Random(k).shuffle(order)
        try:
            barrier.wait()
            for code in order:
                try:
                    voucher_redeem(partner=partner[0], code=code, parcel_ref=f"T{k}-{code}")
                    wins.append(code)
                except ProgramError as exc:
                    errors.append(exc.code)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(wins) == codes  # each voucher won by exactly one call
    assert set(errors) == {"voucher_used"} and len(errors) == 7 * 1000
    assert Voucher.objects.filter(code__in=codes, status="redeemed").count() == 1000
    assert AuditEvent.objects.filter(action="programs.voucher.redeem").count() == 1000
