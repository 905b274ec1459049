"""The resident import: every bad row reported by line and reason, good rows loaded once."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from balai.audit.models import AuditEvent
from balai.people.columns import COLUMNS
from balai.people.importing import ImportFileError, residents_import
from balai.people.models import Family, Resident
from balai.people.synthetic import generate_rows, rows_write_csv
from tests.fixtures import OTHER_REGENCY_VILLAGE, VILLAGE

KK = "3510051201200001"


def person(**overrides) -> dict[str, str]:
    row = {
        "nik": "3510050406850001",
        "nama": "Budi Santoso",
        "tempat_lahir": "Banyuwangi",
        "tanggal_lahir": "1985-06-04",
        "jenis_kelamin": "LAKI-LAKI",
        "agama": "ISLAM",
        "status_perkawinan": "KAWIN",
        "pendidikan": "SLTA/SEDERAJAT",
        "pekerjaan": "Nelayan",
        "golongan_darah": "O",
        "disabilitas": "",
        "kode_desa": VILLAGE,
        "dusun": "Krajan",
        "rt": "1",
        "rw": "2",
        "alamat": "Jl. Raya Muncar 1",
        "telepon": "081234567890",
        "no_kk": KK,
        "hubungan": "KEPALA KELUARGA",
        "status": "HIDUP",
        "tanggal_status": "",
    }
    row.update(overrides)
    return row


def wife(**overrides) -> dict[str, str]:
    base = dict(
        nik="3510054408870002",
        nama="Siti Aminah",
        tanggal_lahir="04-08-1987",
        jenis_kelamin="P",
        hubungan="ISTRI",
    )
    return person(**{**base, **overrides})


def write_csv(path: Path, rows: list[dict[str, str]], *, delimiter=",", bom=False) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig" if bom else "utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS, delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)
    return path


def report_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def run(tmp_path: Path, source: Path, **kwargs):
    report = tmp_path / "report.csv"
    summary = residents_import(actor=None, path=source, report_path=report, **kwargs)
    return summary, report_rows(report)


def test_good_rows_load_with_their_family(regions, tmp_path):
    source = write_csv(tmp_path / "warga.csv", [person(), wife()], delimiter=";", bom=True)
    summary, bad = run(tmp_path, source)
    assert (summary.created, summary.bad, summary.families_created) == (2, 0, 1)
    assert bad == []
    budi = Resident.objects.get(nik="3510050406850001")
    siti = Resident.objects.get(nik="3510054408870002")
    assert (budi.sex, budi.religion, budi.education, budi.rt) == ("L", "islam", "sma", "001")
    assert (siti.sex, siti.birth_date.isoformat(), siti.relationship) == (
        "P",
        "1987-08-04",
        "istri",
    )
    assert budi.regency_code == "35.10" and budi.name_key == "budisantoso"
    family = Family.objects.get(kk_number=KK)
    assert set(family.members.values_list("nik", flat=True)) == {budi.nik, siti.nik}
    assert family.members.get(relationship="kepala_keluarga") == budi


BAD_ROWS = [
    # (row, column, code)
    (person(nik="35100504068500"), "nik", "length"),
    (person(nik="35100504068500x1"), "nik", "digits"),
    (person(nik="9999990406850001"), "nik", "region"),
    (person(nik="3510050406850000"), "nik", "serial"),
    (person(nik="3510053102850001", tanggal_lahir="1985-02-28"), "nik", "date"),
    (person(tanggal_lahir="31-02-1985"), "tanggal_lahir", "date"),
    (person(jenis_kelamin="X"), "jenis_kelamin", "choice"),
    (person(agama="JEDI"), "agama", "choice"),
    (person(pendidikan="SEKOLAH ALAM"), "pendidikan", "choice"),
    (person(kode_desa="35.10.05"), "kode_desa", "village"),
    (person(kode_desa="35.10.05.9999"), "kode_desa", "village"),
    (person(no_kk="3510055201200001"), "no_kk", "date"),
    (person(no_kk="351005"), "no_kk", "length"),
    (person(nama=""), "nama", "required"),
    (person(rt="1a"), "rt", "digits"),
    (person(status="MENINGGAL"), "tanggal_status", "required"),
    (person(hubungan="TETANGGA"), "hubungan", "choice"),
]


@pytest.mark.parametrize(("row", "column", "code"), BAD_ROWS)
def test_each_bad_row_is_reported_and_not_written(regions, tmp_path, row, column, code):
    source = write_csv(tmp_path / "warga.csv", [wife(), row])
    summary, bad = run(tmp_path, source)
    assert (summary.created, summary.bad) == (1, 1)
    assert {(r["line"], r["column"], r["code"]) for r in bad} >= {("3", column, code)}
    assert {r["line"] for r in bad} == {"3"}
    assert all(r["reason"] for r in bad)
    assert Resident.objects.count() == 1


def test_duplicates_and_second_heads_are_bad_on_their_second_line(regions, tmp_path):
    second_head = wife(nik="3510054408870003", hubungan="KEPALA KELUARGA")
    rows = [person(), wife(), person(nama="Budi Lain"), second_head]
    summary, bad = run(tmp_path, write_csv(tmp_path / "warga.csv", rows))
    assert summary.created == 2
    assert [(r["line"], r["code"]) for r in bad] == [
        ("4", "duplicate_nik"),
        ("5", "family_has_head"),
    ]
    assert "baris 2" in bad[0]["reason"]
    assert Resident.objects.get(nik="3510050406850001").name == "Budi Santoso"


def test_rerun_changes_nothing_and_a_change_is_an_update(regions, tmp_path):
    source = write_csv(tmp_path / "warga.csv", [person(), wife()])
    run(tmp_path, source)
    stamps = dict(Resident.objects.values_list("nik", "updated_at"))
    again, _ = run(tmp_path, source)
    assert (again.created, again.updated, again.unchanged, again.families_created) == (0, 0, 2, 0)
    assert dict(Resident.objects.values_list("nik", "updated_at")) == stamps
    changed = write_csv(tmp_path / "warga2.csv", [person(pekerjaan="Pedagang"), wife()])
    third, _ = run(tmp_path, changed)
    assert (third.created, third.updated, third.unchanged) == (0, 1, 1)
    assert Resident.objects.get(nik="3510050406850001").occupation == "Pedagang"


def test_head_against_the_register_is_refused(regions, tmp_path):
    run(tmp_path, write_csv(tmp_path / "a.csv", [person()]))
    usurper = wife(hubungan="KEPALA KELUARGA")
    summary, bad = run(tmp_path, write_csv(tmp_path / "b.csv", [usurper]))
    assert summary.created == 0
    assert [(r["line"], r["code"]) for r in bad] == [("2", "family_has_head")]


def test_xlsx_is_read_too(regions, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(COLUMNS)
    sheet.append([person()[c] for c in COLUMNS])
    sheet.append([])  # an empty line keeps the numbering physical
    bad = wife(agama="?")
    sheet.append([bad[c] for c in COLUMNS])
    good = wife(nik="3510054408870003")
    cells = [good[c] for c in COLUMNS]
    cells[COLUMNS.index("tanggal_lahir")] = __import__("datetime").datetime(1987, 8, 4)
    sheet.append(cells)
    path = tmp_path / "warga.xlsx"
    book.save(path)
    summary, rows = run(tmp_path, path)
    assert (summary.created, summary.bad) == (2, 1)
    assert [(r["line"], r["column"], r["code"]) for r in rows] == [("4", "agama", "choice")]


def test_quoted_newlines_keep_physical_line_numbers(regions, tmp_path):
    source = write_csv(tmp_path / "warga.csv", [person(alamat="Jl. Raya\nMuncar"), wife(agama="?")])
    _summary, bad = run(tmp_path, source)
    assert [r["line"] for r in bad] == ["4"]


def test_dry_run_writes_nothing(regions, tmp_path):
    source = write_csv(tmp_path / "warga.csv", [person(), wife()])
    summary, _ = run(tmp_path, source, dry_run=True)
    assert (summary.created, summary.dry_run) == (2, True)
    assert not Resident.objects.exists() and not Family.objects.exists()
    assert not AuditEvent.objects.filter(action="people.resident.import").exists()


def test_one_audit_event_per_run(regions, tmp_path):
    source = write_csv(tmp_path / "warga.csv", [person(), wife(), wife(agama="?")])
    summary, _ = run(tmp_path, source)
    event = AuditEvent.objects.get(action="people.resident.import")
    assert event.after["sha256"] == summary.sha256
    assert (event.after["created"], event.after["bad"], event.after["file"]) == (2, 1, "warga.csv")
    assert not AuditEvent.objects.filter(action="people.resident.create").exists()


def test_missing_columns_stop_the_run(regions, tmp_path):
    path = tmp_path / "warga.csv"
    path.write_text("nama,kode_desa\nBudi,35.10.05.2001\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="nik"):
        residents_import(actor=None, path=path, report_path=tmp_path / "r.csv")


def _refuse_nik(nik: str) -> None:
    """A database that refuses one row the rules allow (an outside constraint, e.g. a trigger)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "CREATE TRIGGER refuse BEFORE INSERT ON people_resident "
                f"WHEN NEW.nik = '{nik}' BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
        else:
            cursor.execute(
                "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN "
                f"IF NEW.nik = '{nik}' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; "
                "END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER refuse BEFORE INSERT ON people_resident "
                "FOR EACH ROW EXECUTE FUNCTION refuse()"
            )


@pytest.mark.django_db(transaction=True)
def test_a_refused_row_never_takes_its_batch_down_or_stays_half_written(regions, tmp_path):
    # The refused person is the only member of a new family: it must not be left behind empty.
    loner = person(nik="3510050406850009", no_kk="3510051201200002")
    _refuse_nik(loner["nik"])
    rows = [person(), wife(), loner, wife(nik="3510054408870003", hubungan="ANAK")]
    summary, bad = run(tmp_path, write_csv(tmp_path / "warga.csv", rows), batch_size=10)
    assert (summary.created, summary.bad) == (3, 1)
    assert [(r["line"], r["code"]) for r in bad] == [("4", "database")]
    assert not Resident.objects.filter(nik=loner["nik"]).exists()
    assert not Family.objects.filter(kk_number="3510051201200002").exists()
    assert Family.objects.get(kk_number=KK).members.count() == 3


def test_command_prints_a_json_summary_last(regions, tmp_path, capsys):
    source = write_csv(tmp_path / "warga.csv", [person(), wife(agama="?")])
    report = tmp_path / "r.csv"
    call_command("import-residents", str(source), "--report", str(report), "--no-progress")
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert (summary["created"], summary["bad"], summary["report"]) == (1, 1, str(report))
    assert report_rows(report)[0]["line"] == "3"


def test_synthetic_rows_are_deterministic_and_valid(regions, tmp_path):
    villages = [VILLAGE, "35.10.11.2001", OTHER_REGENCY_VILLAGE]
    first = list(generate_rows(villages, 300, seed=7))
    assert first == list(generate_rows(villages, 300, seed=7))
    assert first != list(generate_rows(villages, 300, seed=8))
    path = tmp_path / "synthetic.csv"
    assert rows_write_csv(first, path) == 300
    summary, bad = run(tmp_path, path)
    assert bad == [] and summary.created == 300
    heads = Resident.objects.filter(relationship="kepala_keluarga").count()
    assert heads == Family.objects.count()
    muncar = Resident.objects.filter(village_id=VILLAGE, birth_date__year__lt=2005)
    assert muncar.filter(occupation__icontains="nelayan").exists()


def test_cli_runs_as_a_subprocess_on_a_missing_file(tmp_path):
    result = subprocess.run(
        [str(Path(sys.executable).with_name("balai")), "import-residents", str(tmp_path / "x.csv")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "no such file" in result.stderr
