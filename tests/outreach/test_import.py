"""The outreach import reports each row outside the officer's area on its line, keeps the
rows in scope, and leaves nothing behind when the file fails as a whole."""

from __future__ import annotations

import pytest

from balai.licensing.models import BusinessRegistration
from balai.outreach.models import OutreachImport, OutreachItem
from balai.outreach.services import import_xlsx
from tests.fixtures import OTHER_DISTRICT_VILLAGE, OTHER_VILLAGE, VILLAGE
from tests.outreach.conftest import xlsx_bytes


def test_rows_outside_the_officers_village_are_reported_per_line(
    event, make_staff, make_resident, kbli
):
    desk = make_staff("operator_desa", region=VILLAGE)
    people = [make_resident() for _ in range(4)]
    rows = [
        [people[0].nik, "Warung Satu", "56102", "Jl. Satu", VILLAGE, 1_000_000, 1],
        [people[1].nik, "Toko Dua", "47112", "Jl. Dua", OTHER_DISTRICT_VILLAGE, 1_000_000, 1],
        [people[2].nik, "Kue Tiga", "10792", "Jl. Tiga", VILLAGE, 2_000_000, 2],
        [people[3].nik, "Toko Empat", "47111", "Jl. Empat", OTHER_VILLAGE, 1_000_000, 1],
    ]
    run = import_xlsx(actor=desk, event=event, file=xlsx_bytes(rows), file_name="hari.xlsx")
    assert (run.rows, run.created, run.bad) == (4, 2, 2)
    assert [(r["line"], r["column"], r["code"]) for r in run.report] == [
        (3, "kode_desa", "out_of_scope"),
        (5, "kode_desa", "out_of_scope"),
    ]
    assert run.report[0]["value"] == OTHER_DISTRICT_VILLAGE
    assert "di luar wilayah" in run.report[0]["reason"]
    # Only the rows in scope were registered; nothing for the refused lines.
    assert set(BusinessRegistration.objects.values_list("business_name", flat=True)) == {
        "Warung Satu",
        "Kue Tiga",
    }
    assert sorted(OutreachItem.objects.values_list("line", flat=True)) == [2, 4]


def test_a_file_that_fails_half_way_commits_nothing(
    event, officer, make_resident, kbli, monkeypatch
):
    from balai.outreach import services

    people = [make_resident() for _ in range(3)]
    rows = [
        [p.nik, f"Warung {i}", "56102", "Jl.", VILLAGE, 1_000_000, 1] for i, p in enumerate(people)
    ]
    real = services.intake_register
    calls = []

    def failing(**kwargs):
        calls.append(kwargs["line"])
        if len(calls) == 3:
            raise RuntimeError("database went away")
        return real(**kwargs)

    monkeypatch.setattr(services, "intake_register", failing)
    with pytest.raises(RuntimeError):
        import_xlsx(actor=officer, event=event, file=xlsx_bytes(rows), file_name="hari.xlsx")
    assert not OutreachImport.objects.exists()
    assert not BusinessRegistration.objects.exists()
