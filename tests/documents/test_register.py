"""The office's outgoing register: one page and one XLSX per office and year, every number in
serial order with its status, NIK masked, scoped to the office's staff."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from balai.accounts.roles import Role
from balai.audit.models import AuditEvent
from balai.documents.models import DocumentType
from balai.documents.register_xlsx import cell_safe
from balai.documents.services import document_issue, document_revoke, number_void
from tests.fixtures import OTHER_VILLAGE, VILLAGE


@pytest.fixture
def register_year(letter_type, make_resident, village):
    other_type = DocumentType.objects.create(
        code="sk-belum-menikah", name="Surat Keterangan Belum Menikah", classification_code="474.2"
    )
    holder = make_resident(name='=HYPERLINK("http://x")')
    first = document_issue(actor=None, document_type=letter_type, resident=holder)
    second = document_issue(actor=None, document_type=other_type, resident=holder)
    number_void(actor=None, office=village, document_type=letter_type, reason="Salah cetak")
    document_revoke(actor=None, document=second, reason="Data keliru")
    return first.year, holder, [first, second]


def test_register_page_lists_every_number_with_status_and_masked_nik(
    client, register_year, make_staff
):
    year, holder, (first, second) = register_year
    client.force_login(make_staff(Role.OPERATOR_DESA, region=VILLAGE))
    response = client.get(f"/dokumen/agenda/{VILLAGE}/{year}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert first.number in html and second.number in html
    assert html.index(first.number) < html.index(second.number)
    assert "Dicabut" in html and "Data keliru" in html
    assert "Nomor batal" in html and "Salah cetak" in html
    assert first.holder_nik_masked in html and holder.nik not in html
    assert "Kepala Desa Sumberberas" in html


def test_register_xlsx_has_every_number_neutralised_and_audited(client, register_year, make_staff):
    year, holder, (first, second) = register_year
    client.force_login(make_staff(Role.OPERATOR_DESA, region=VILLAGE))
    response = client.get(f"/dokumen/agenda/{VILLAGE}/{year}/unduh.xlsx")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [row[0] for row in rows] == [1, 2, 3]
    assert [row[1] for row in rows[:2]] == [first.number, second.number]
    assert rows[0][4] == '\'=HYPERLINK("http://x")'  # shown as typed, never a formula
    assert rows[0][5] == first.holder_nik_masked and holder.nik not in str(rows)
    assert rows[1][7] == "Dicabut" and rows[1][8] == "Data keliru"
    assert rows[2][7] == "Nomor batal" and rows[2][8] == "Salah cetak"
    assert AuditEvent.objects.filter(action="documents.register_exported").count() == 1


def test_another_village_and_roles_without_view_are_refused(
    client, register_year, make_staff, make_service_point
):
    year = register_year[0]
    client.force_login(make_staff(Role.OPERATOR_DESA, region=OTHER_VILLAGE))
    assert client.get(f"/dokumen/agenda/{VILLAGE}/{year}/").status_code == 403
    assert client.get(f"/dokumen/agenda/{VILLAGE}/{year}/unduh.xlsx").status_code == 403
    client.force_login(make_staff(Role.PETUGAS_LOKET, service_point=make_service_point()))
    assert client.get(f"/dokumen/agenda/{VILLAGE}/{year}/").status_code == 403
    assert client.get(f"/dokumen/agenda/99.99/{year}/").status_code == 404
    client.logout()
    assert client.get(f"/dokumen/agenda/{VILLAGE}/{year}/").status_code == 302


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1"])
def test_formula_starts_are_neutralised(text):
    assert cell_safe(text) == "'" + text


def test_plain_text_and_numbers_are_left_alone():
    assert cell_safe("Siti Aminah") == "Siti Aminah" and cell_safe(7) == 7


def test_register_command_writes_the_workbook(register_year, tmp_path, capsys):
    import json

    from django.core.management import call_command

    year = register_year[0]
    out = tmp_path / "agenda.xlsx"
    call_command(
        "document", "register", "--office", VILLAGE, "--year", str(year), "--out", str(out)
    )
    assert json.loads(capsys.readouterr().out)["rows"] == 3
    rows = list(load_workbook(out).active.iter_rows(min_row=3, values_only=True))
    assert [row[0] for row in rows] == [1, 2, 3]
