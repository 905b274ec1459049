"""The IKM report in the layout of PermenPAN-RB 14/2017 (Lampiran: pengolahan data and the
summary of NRR per element, weighted NRR, IKM, converted value and grade), as XLSX."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from balai.core.spreadsheet import xlsx_append
from balai.feedback.ikm import CONVERSION, ELEMENTS, FOUR_PLACES, WEIGHT, to_decimal
from balai.feedback.selectors import IkmReport

BOLD = Font(bold=True)


def _summary(ws: Any, *, title: str, period: str, report: IkmReport) -> None:
    ws.title = _("Rekapitulasi")
    ws.append([_("INDEKS KEPUASAN MASYARAKAT (IKM)")])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([_("Unit pelayanan"), title])
    ws.append([_("Periode"), period])
    ws.append([_("Jumlah responden"), report.respondents])
    ws.append([])
    ws.append([_("Unsur"), _("Nama unsur"), _("Jumlah nilai"), "NRR", _("NRR tertimbang")])
    for cell in ws[ws.max_row]:
        cell.font = BOLD
    result = report.result
    for i, element in enumerate(ELEMENTS):
        nrr = result.nrr[i] if result else None
        ws.append(
            [
                element.code.upper(),
                str(element.name),
                report.sums[i],
                float(to_decimal(nrr, FOUR_PLACES)) if nrr is not None else None,
                float(to_decimal(nrr * WEIGHT, FOUR_PLACES)) if nrr is not None else None,
            ]
        )
    ws.append([])
    if result is not None:
        ws.append([_("IKM (skala 1-4)"), "", "", "", float(to_decimal(result.ikm, FOUR_PLACES))])
        ws.append(
            [
                _("Nilai konversi (IKM × %(k)d)") % {"k": CONVERSION},
                "",
                "",
                "",
                float(result.converted),
            ]
        )
        ws.append([_("Mutu pelayanan"), "", "", "", result.grade.letter])
        ws.append([_("Kinerja unit pelayanan"), "", "", "", str(result.grade.name)])
        for row in ws.iter_rows(min_row=ws.max_row - 3, max_row=ws.max_row):
            row[0].font = BOLD
    ws.append([])
    for heading, counts in (
        (_("Jenis kelamin"), report.by_sex),
        (_("Pendidikan"), report.by_education),
        (_("Pekerjaan"), report.by_occupation),
    ):
        ws.append([heading])
        ws[ws.max_row][0].font = BOLD
        for _value, label, n in counts:
            ws.append(["", str(label), n])
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 44
    for col in "CDE":
        ws.column_dimensions[col].width = 16


def _data(ws: Any, rows: Any) -> None:
    ws.append(
        [
            _("No."),
            *(e.code.upper() for e in ELEMENTS),
            _("Umur"),
            _("L/P"),
            _("Pendidikan"),
            _("Pekerjaan"),
            _("Tanggal"),
        ]
    )
    for cell in ws[1]:
        cell.font = BOLD
        cell.alignment = Alignment(horizontal="center")
    for number, row in enumerate(rows, start=1):
        *scores, age, sex, education, occupation, at = row
        xlsx_append(
            ws,
            [
                number,
                *scores,
                age,
                sex,
                education,
                occupation,
                timezone.localtime(at).strftime("%Y-%m-%d"),
            ],
        )
    for i in range(1, 16):
        ws.column_dimensions[get_column_letter(i)].width = 8 if i <= 11 else 14


def ikm_xlsx(*, title: str, period: str, report: IkmReport, rows: Any) -> bytes:
    """The workbook: a summary sheet and every respondent's answers (no names, no NIK)."""
    wb = Workbook()
    _summary(wb.active, title=title, period=period, report=report)
    _data(wb.create_sheet(_("Data responden")), rows)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
