"""Acceptance: generated rows with 1% bad ones — every good row loads, every bad one is
reported by its line, and a second run changes nothing."""

from __future__ import annotations

import csv

import pytest

from balai.people.importing import residents_import
from balai.people.models import Family, Resident
from balai.people.synthetic import generate_rows, rows_write_csv
from balai.regions.models import Region

# Enough rows to cross every batch boundary of the import (read batches of 2,000, inserts of
# 1,000, updates of 250) several times; the full register's size (1.7 M) is bench/residents.py.
ROWS = 10_000
BAD = ROWS // 100


def corrupt(i: int, row: dict[str, str]) -> dict[str, str]:
    kind = (i // 100) % 4
    if kind == 0:
        return {**row, "nik": row["nik"][:12] + "0000"}
    if kind == 1:
        return {**row, "tanggal_lahir": "31-02-1990"}
    if kind == 2:
        return {**row, "agama": "TIDAK ADA"}
    # A sex that disagrees with the NIK is a remark, not a refusal: an unknown village is bad.
    return {**row, "kode_desa": "35.10.05.9999"}


@pytest.mark.slow
def test_ten_thousand_rows_with_one_percent_bad(regions, tmp_path):
    villages = list(
        Region.objects.filter(code__startswith="35.10.", level="village").values_list(
            "code", flat=True
        )
    )
    bad_lines: set[int] = set()
    good_niks: set[str] = set()

    def rows():
        for i, row in enumerate(generate_rows(villages, ROWS, seed=2026)):
            if i % 100 == 57:
                bad_lines.add(i + 2)  # the header is line 1
                yield corrupt(i, row)
            else:
                good_niks.add(row["nik"])
                yield row

    source = tmp_path / "banyuwangi.csv"
    rows_write_csv(rows(), source)
    report = tmp_path / "report.csv"

    first = residents_import(actor=None, path=source, report_path=report)
    assert (first.rows, first.created, first.bad) == (ROWS, ROWS - BAD, BAD)
    with report.open(encoding="utf-8") as handle:
        reported = {int(r["line"]) for r in csv.DictReader(handle)}
    assert reported == bad_lines
    assert Resident.objects.count() == ROWS - BAD
    assert set(Resident.objects.values_list("nik", flat=True)) == good_niks
    assert Family.objects.exists()

    second = residents_import(actor=None, path=source, report_path=tmp_path / "again.csv")
    assert (second.created, second.updated, second.unchanged, second.bad) == (
        0,
        0,
        ROWS - BAD,
        BAD,
    )
    assert (second.families_created, second.families_updated) == (0, 0)
    assert Resident.objects.count() == ROWS - BAD
