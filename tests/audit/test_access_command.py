"""`balai audit access`: who read whose record, since when (breach runbook, UU PDP art. 46)."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from tests.fixtures import VILLAGE


@pytest.mark.django_db
def test_lists_the_reads_of_one_resident_since_a_date(client, make_staff, make_resident):
    one = make_resident()
    other = make_resident(name="Lain", birth_date=dt.date(1970, 1, 1))
    reader = make_staff("operator_desa", region=VILLAGE, username="pembaca")
    client.force_login(reader)
    client.get(f"/penduduk/{one.pk}/")
    client.get(f"/penduduk/{other.pk}/")
    client.post("/penduduk/", {"q": one.nik})
    out = io.StringIO()
    call_command(
        "audit",
        "access",
        "--since",
        "2020-01-01",
        "--nik",
        one.nik,
        stdout=out,
        stderr=io.StringIO(),
    )
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["action"] for r in rows] == [
        "people.resident.view_full",
        "people.resident.searched_number",
    ]
    assert {r["who"] for r in rows} == {"pembaca"}
    everything = io.StringIO()
    call_command(
        "audit", "access", "--since", "2020-01-01", stdout=everything, stderr=io.StringIO()
    )
    assert len(everything.getvalue().splitlines()) == 3
