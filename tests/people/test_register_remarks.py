"""The register as Dukcapil keeps it: the NIK is permanent, so a record whose birth date or sex
disagrees with its NIK's date part is loaded and flagged for the operator, never refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from balai.people.importing import ImportFileError, residents_import
from balai.people.models import Resident
from tests.people.test_importing import person, report_rows, write_csv
from tests.people.test_views import operator  # noqa: F401 - the village operator fixture

BORN_1923 = "3510051203230001"  # date part 120323: born 12 March 1923
BORN_1925 = "3510054101250002"  # date part 410125: a woman born 1 January 1925
CORRECTED = "3510051507800003"  # issued for 15 July 1980; the birth date was later corrected


def centenarians_and_a_correction() -> list[dict[str, str]]:
    return [
        person(nik=BORN_1923, nama="Mbah Karto", tanggal_lahir="1923-03-12", no_kk=""),
        person(
            nik=BORN_1925,
            nama="Mbah Sumi",
            tanggal_lahir="1925-01-01",
            jenis_kelamin="P",
            no_kk="",
        ),
        person(nik=CORRECTED, nama="Slamet", tanggal_lahir="1980-07-17", no_kk=""),
    ]


def test_old_and_corrected_records_are_created_each_with_its_remark(regions, tmp_path):
    source = write_csv(tmp_path / "warga.csv", centenarians_and_a_correction())
    summary = residents_import(actor=None, path=source, report_path=tmp_path / "r.csv")
    assert (summary.created, summary.bad) == (3, 0)
    stored = dict(Resident.objects.values_list("nik", "nik_remarks"))
    assert stored == {
        BORN_1923: "nik_century",
        BORN_1925: "nik_century",
        CORRECTED: "nik_birth_date",
    }
    karto = Resident.objects.get(nik=BORN_1923)
    assert karto.birth_date == dt.date(1923, 3, 12)  # the register's date, not the NIK's reading
    assert Resident.objects.get(nik=CORRECTED).birth_date == dt.date(1980, 7, 17)


def test_a_sex_that_disagrees_with_the_nik_is_a_remark(regions, tmp_path):
    source = write_csv(tmp_path / "warga.csv", [person(jenis_kelamin="P", no_kk="")])
    summary = residents_import(actor=None, path=source, report_path=tmp_path / "r.csv")
    assert (summary.created, summary.bad) == (1, 0)
    assert Resident.objects.get().nik_remarks == "nik_sex"


@pytest.mark.parametrize(
    ("row", "column", "code"),
    [
        (person(nik="3510053102250001", tanggal_lahir="1925-02-28"), "nik", "date"),
        (person(nik="9999991203230001", tanggal_lahir="1923-03-12"), "nik", "region"),
        (person(nik="351005120323000"), "nik", "length"),
        (person(kode_desa="35.10.05.9999"), "kode_desa", "village"),
    ],
)
def test_strictness_is_not_loosened(regions, tmp_path, row, column, code):
    rows = [*centenarians_and_a_correction(), row]
    source = write_csv(tmp_path / "warga.csv", rows)
    summary = residents_import(actor=None, path=source, report_path=tmp_path / "r.csv")
    assert (summary.created, summary.bad) == (3, 1)
    bad = report_rows(tmp_path / "r.csv")
    assert [(r["line"], r["column"], r["code"]) for r in bad] == [("5", column, code)]
    assert bad[0]["reason"]


def test_missing_required_columns_are_still_refused(regions, tmp_path):
    path = tmp_path / "warga.csv"
    path.write_text("nik,nama\n3510051203230001,Mbah Karto\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="tanggal_lahir"):
        residents_import(actor=None, path=path, report_path=tmp_path / "r.csv")


@override_settings(LANGUAGE_CODE="id")
def test_operator_sees_the_remark_on_the_list_and_the_resident_page(
    client,
    operator,  # noqa: F811
    regions,
    tmp_path,
):
    source = write_csv(tmp_path / "warga.csv", centenarians_and_a_correction())
    residents_import(actor=None, path=source, report_path=tmp_path / "r.csv")
    client.force_login(operator)
    listing = client.get("/penduduk/", {"q": "Slamet"}).content.decode()
    assert "nik-remark" in listing and "Catatan NIK" in listing
    slamet = Resident.objects.get(nik=CORRECTED)
    page = client.get(f"/penduduk/{slamet.pk}/").content.decode()
    assert "Tanggal lahir berbeda dengan bagian tanggal NIK" in page
    plain = client.get("/penduduk/", {"q": "Budi"}).content.decode()
    assert "nik-remark" not in plain
