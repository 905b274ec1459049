"""An office's outgoing register for a year as an XLSX workbook, for the archive and the
inspector. Text that a spreadsheet would read as a formula is neutralised (a holder's name
or a revocation reason is typed by people)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from balai.documents.selectors import RegisterEntry

# Cells starting with these are formulas or DDE in Excel and LibreOffice (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def cell_safe(value: Any) -> Any:
    """Text that would start a formula gets a leading apostrophe, so it shows as typed."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def register_xlsx(*, office_name: str, year: int, entries: Iterable[RegisterEntry]) -> bytes:
    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = str(year)
    sheet.append(
        [
            cell_safe(
                _("Buku agenda surat keluar %(office)s tahun %(year)s")
                % {"office": office_name, "year": year}
            )
        ]
    )
    sheet["A1"].font = Font(bold=True)
    header = [
        _("Urut"),
        _("Nomor"),
        _("Tanggal"),
        _("Jenis"),
        _("Pemegang"),
        _("NIK"),
        _("Penanda tangan"),
        _("Status"),
        _("Keterangan"),
    ]
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for entry in entries:
        sheet.append(
            [
                entry.serial,
                cell_safe(entry.number),
                entry.on,
                cell_safe(entry.type_name),
                cell_safe(entry.holder_name),
                cell_safe(entry.nik_masked),
                cell_safe(entry.signed_by),
                cell_safe(entry.status),
                cell_safe(entry.reason),
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
