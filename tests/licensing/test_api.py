"""The licensing API: KBLI search and registrations in scope, NIK masked."""

from __future__ import annotations

from balai.licensing.services import registration_check, registration_create
from tests.fixtures import OTHER_DISTRICT_VILLAGE, PASSWORD, VILLAGE


def test_kbli_search_by_words_and_by_code(client, officer, kbli):
    client.login(username=officer.username, password=PASSWORD)
    words = client.get("/api/v1/licensing/kbli", {"q": "warung makan"}).json()
    assert [k["code"] for k in words] == ["56102"]
    codes = client.get("/api/v1/licensing/kbli", {"q": "5610"}).json()
    assert {k["code"] for k in codes} == {"56101", "56102", "56103", "56104", "56109"}


def test_registrations_are_scoped_and_masked(
    client, officer, dpmptsp, make_resident, make_staff, kbli
):
    owner = make_resident()
    checked, _ = registration_check(
        data={
            "nik": owner.nik,
            "nama_usaha": "Warung",
            "kbli": "56102",
            "alamat_usaha": "Jl.",
            "kode_desa": VILLAGE,
            "modal": "1000000",
            "tenaga_kerja": "1",
        },
        regency_code="35.10",
    )
    registration = registration_create(actor=officer, checked=checked, agency=dpmptsp)
    client.login(username=officer.username, password=PASSWORD)
    body = client.get(f"/api/v1/licensing/registrations/{registration.pk}").json()
    assert body["owner_nik_masked"] == owner.nik[:4] + "********" + owner.nik[-4:]
    assert owner.nik not in str(body)
    other = make_staff("operator_desa", region=OTHER_DISTRICT_VILLAGE)
    client.login(username=other.username, password=PASSWORD)
    assert client.get(f"/api/v1/licensing/registrations/{registration.pk}").status_code == 404
    assert client.get("/api/v1/licensing/registrations").json() == []


def test_load_kbli_command_loads_the_full_table_once(kbli, capsys):
    import json

    from django.core.management import call_command

    from balai.licensing.models import KbliCode

    # The session's table is already in: the command finds all 1,791 codes and changes none.
    call_command("load-kbli")
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["sample_only"] is False and summary["rows"] == 1791
    assert summary["created"] == 0 and summary["updated"] == 0
    assert summary["file"].endswith("kbli2020.csv.gz")
    assert KbliCode.objects.filter(edition="2020").count() == 1791


def test_load_kbli_command_reports_the_sample_when_asked(db, capsys):
    import json

    from django.core.management import call_command

    from balai.licensing.kbli import SAMPLE_FILE
    from balai.licensing.models import KbliCode

    KbliCode.objects.all().delete()
    call_command("load-kbli", str(SAMPLE_FILE))
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["sample_only"] is True and summary["rows"] == 22
    assert summary["risk"]["example"] is True
