"""Loading programmes, the one intake, decisions and quotas."""

from __future__ import annotations

import json
import threading
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import close_old_connections

from balai.audit.models import AuditEvent
from balai.programs.choices import ApplicationStatus
from balai.programs.decisions import (
    application_appeal,
    application_approve,
    application_refuse,
    application_verify,
)
from balai.programs.errors import ProgramError
from balai.programs.loading import ProgrammeFileError
from balai.programs.models import Application, QuotaCounter
from balai.programs.services import application_submit, programme_load
from tests.fixtures import OTHER_DISTRICT_VILLAGE, OTHER_REGENCY_VILLAGE


def test_programmes_load_from_data_with_quotas(programmes):
    assert set(programmes) == {"ongkir-umkm", "bantuan-warung"}
    ongkir = programmes["ongkir-umkm"]
    assert ongkir.owner_agency.code == "diskopumdag"
    assert ongkir.benefit_total == 15_000 * 20 * 2
    assert QuotaCounter.objects.get(programme=ongkir, scope="total").limit == 1000
    assert QuotaCounter.objects.filter(programme=ongkir).count() == 1 + 25  # every kecamatan


def test_a_programme_file_that_breaks_the_schema_loads_nothing(owner_agency, tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "code: x-prog\nname: Program X\nlegal_basis: Perbup\nregency: '35.10'\n"
        "period: {start: '2026-01-01', end: '2026-12-31'}\nbudget: -1\nquota: {total: 1}\n"
        "benefit: {kind: transfer}\neligibility: [{rule: umur}]\n",
        encoding="utf-8",
    )
    with pytest.raises(ProgrammeFileError) as err:
        programme_load(actor=None, paths=[bad])
    text = str(err.value)
    assert "budget" in text and "benefit" in text and "eligibility[0]" in text


def test_counter_intake_accepts_a_qualifying_shop(programmes, shop_owner, village_operator):
    result = application_submit(
        actor=village_operator,
        programme=programmes["bantuan-warung"],
        resident=shop_owner,
        channel="counter",
        brought={"buku_rekening": True},
        bank_account="0011223344",
    )
    assert result.accepted, result.refusals
    app = result.application
    assert app.status == ApplicationStatus.SUBMITTED and app.amount == 2_500_000
    assert app.regency_code == "35.10" and app.district_code == "35.10.05"
    assert AuditEvent.objects.filter(action="programs.application.submit").count() == 1
    assert QuotaCounter.objects.get(programme=app.programme, scope="total").used == 1


def test_every_failed_rule_is_named(programmes, make_resident):
    # Dead, no SKU letter, from another regency: three reasons at once, in Indonesian.
    resident = make_resident(village=OTHER_REGENCY_VILLAGE, status="meninggal")
    result = application_submit(
        actor=None, programme=programmes["bantuan-warung"], resident=resident, channel="kiosk"
    )
    assert not result.accepted
    codes = [r.code for r in result.refusals]
    assert codes == ["not_resident", "not_living", "no_sku"]
    assert "Surat Keterangan Usaha" in result.refusals[2].message
    assert not Application.objects.exists()


def test_ongkir_needs_a_micro_business_with_nib(programmes, make_resident, make_business):
    small = make_resident()
    make_business(small, scale="kecil")
    none = make_resident()
    ongkir = programmes["ongkir-umkm"]
    assert [
        r.code
        for r in application_submit(
            actor=None, programme=ongkir, resident=small, channel="portal"
        ).refusals
    ] == ["business_scale"]
    assert [
        r.code
        for r in application_submit(
            actor=None, programme=ongkir, resident=none, channel="portal"
        ).refusals
    ] == ["no_business"]


def test_one_per_family_and_not_twice(programmes, make_resident, make_sku, shop_owner):
    from balai.people.models import Family

    family = Family.objects.create(
        regency_code="35.10", kk_number="3510050101200001", village_id=shop_owner.village_id
    )
    spouse = make_resident(family=family)
    shop_owner.family = family
    shop_owner.save()
    make_sku(spouse)
    warung = programmes["bantuan-warung"]
    assert application_submit(
        actor=None, programme=warung, resident=shop_owner, channel="kiosk"
    ).accepted
    again = application_submit(actor=None, programme=warung, resident=shop_owner, channel="kiosk")
    assert [r.code for r in again.refusals] == ["already_applied"]
    other = application_submit(actor=None, programme=warung, resident=spouse, channel="kiosk")
    assert [r.code for r in other.refusals] == ["family_taken"]


def test_not_in_another_programme_of_the_same_period(programmes, micro_owner, make_sku):
    make_sku(micro_owner)
    assert application_submit(
        actor=None, programme=programmes["ongkir-umkm"], resident=micro_owner, channel="kiosk"
    ).accepted
    result = application_submit(
        actor=None, programme=programmes["bantuan-warung"], resident=micro_owner, channel="kiosk"
    )
    assert [r.code for r in result.refusals] == ["other_programme"]


def test_a_desk_may_not_apply_for_a_resident_outside_its_village(
    programmes, make_resident, make_sku, village_operator
):
    far = make_resident(village=OTHER_DISTRICT_VILLAGE)
    make_sku(far)
    with pytest.raises(ProgramError) as err:
        application_submit(
            actor=village_operator,
            programme=programmes["bantuan-warung"],
            resident=far,
            channel="counter",
        )
    assert err.value.code == "forbidden"


def test_district_quota_is_enforced(programmes, make_resident, make_sku):
    warung = programmes["bantuan-warung"]
    QuotaCounter.objects.filter(programme=warung, scope="35.10.05").update(limit=1)
    first, second = make_resident(), make_resident()
    make_sku(first)
    make_sku(second)
    assert application_submit(
        actor=None, programme=warung, resident=first, channel="kiosk"
    ).accepted
    result = application_submit(actor=None, programme=warung, resident=second, channel="kiosk")
    assert [r.code for r in result.refusals] == ["quota_district_full"]


def test_verify_approve_refuse_and_one_appeal(
    programmes, shop_owner, micro_owner, village_operator, owner_officer
):
    warung = application_submit(
        actor=None, programme=programmes["bantuan-warung"], resident=shop_owner, channel="kiosk"
    ).application
    with pytest.raises(ProgramError):  # the owner decides only after field verification
        application_approve(actor=owner_officer, application=warung)
    application_verify(
        actor=village_operator,
        application=warung,
        latitude=-8.4401,
        longitude=114.3301,
        checklist={"warung_ada": True},
    )
    approved = application_approve(actor=owner_officer, application=warung)
    assert approved.status == ApplicationStatus.APPROVED
    with pytest.raises(ProgramError) as err:  # a village desk does not decide
        application_refuse(actor=village_operator, application=approved, reason="x")
    assert err.value.code == "forbidden"

    ongkir = application_submit(
        actor=None, programme=programmes["ongkir-umkm"], resident=micro_owner, channel="kiosk"
    ).application
    refused = application_refuse(actor=owner_officer, application=ongkir, reason="Usaha tutup")
    assert QuotaCounter.objects.get(programme=ongkir.programme, scope="total").used == 0
    appealed = application_appeal(actor=None, application=refused, reason="Sudah buka lagi")
    assert appealed.status == ApplicationStatus.APPEALED
    refused = application_refuse(actor=owner_officer, application=appealed, reason="Tetap tutup")
    with pytest.raises(ProgramError) as err:
        application_appeal(actor=None, application=refused, reason="lagi")
    assert err.value.code == "appeal_used"


def _cli(*args: str) -> tuple[int, dict]:
    out = StringIO()
    try:
        call_command("program", *args, stdout=out)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, json.loads(out.getvalue())


def test_command_line_list_and_apply(programmes, micro_owner, make_resident):
    code, listed = _cli("list")
    assert code == 0
    assert {p["code"] for p in listed} == {"ongkir-umkm", "bantuan-warung"}
    assert all(set(p) == {"code", "name", "open"} for p in listed)
    code, body = _cli("apply", "--program", "ongkir-umkm", "--nik", micro_owner.nik)
    assert code == 0 and body["status"] == "accepted" and body["application"].startswith("PB")
    code, body = _cli("apply", "--program", "ongkir-umkm", "--nik", micro_owner.nik)
    assert code == 1 and body["status"] == "refused"
    assert body["reasons"][0]["code"] == "already_applied" and body["reasons"][0]["message"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_quota_never_exceeded_under_concurrent_applications(
    programmes, make_resident, make_business
):
    ongkir = programmes["ongkir-umkm"]
    QuotaCounter.objects.filter(programme=ongkir, scope="total").update(limit=5)
    applicants = []
    for _ in range(12):
        resident = make_resident()
        make_business(resident)
        applicants.append(resident)
    results, barrier = [], threading.Barrier(6)

    def apply(chunk):
        try:
            barrier.wait()
            for resident in chunk:
                results.append(
                    application_submit(
                        actor=None, programme=ongkir, resident=resident, channel="kiosk"
                    )
                )
        finally:
            close_old_connections()

    threads = [threading.Thread(target=apply, args=(applicants[i::6],)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r.accepted for r in results) == 5
    assert Application.objects.filter(programme=ongkir).count() == 5
    assert QuotaCounter.objects.get(programme=ongkir, scope="total").used == 5
    assert {r.refusals[0].code for r in results if not r.accepted} == {"quota_full"}


def test_command_line_creates_a_partner_with_a_token_shown_once(db):
    from balai.programs.models import Partner
    from balai.programs.vouchers import partner_for_token

    code, body = _cli("partner-create", "--code", "kurir-b", "--name", "Kurir B")
    assert code == 0 and body["token"].startswith("bp_")
    assert partner_for_token(body["token"]).code == "kurir-b"
    assert body["token"] not in Partner.objects.get().token_sha256
