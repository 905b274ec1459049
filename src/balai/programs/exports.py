"""Spreadsheets for the finance office. Every text cell is neutralised: a value beginning with
=, +, -, @ or a control character would be run as a formula by a spreadsheet (CSV/formula
injection, OWASP), so it is stored behind a leading apostrophe and read as text."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from openpyxl import Workbook

from balai.people.nik import mask_nik
from balai.programs.vouchers import ClaimReconciliation

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: Any) -> Any:
    """Numbers stay numbers; text that a spreadsheet would read as a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def claim_workbook(result: ClaimReconciliation) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Rekonsiliasi"
    rows: list[list[Any]] = [
        ["Mitra", result.partner.name],
        ["Bulan", result.month.strftime("%m/%Y")],
        ["Voucher cocok", len(result.matched)],
        ["Dapat dibayar (Rp)", result.payable],
        ["Diklaim tanpa catatan", len(result.unknown)],
        ["Dipakai belum diklaim", len(result.unclaimed)],
        [],
        ["Kode voucher", "Status", "Nomor resi", "Nilai (Rp)", "Penerima", "NIK"],
    ]
    for v in result.matched:
        rows.append(
            [
                v.code,
                "cocok",
                v.parcel_ref,
                v.value,
                v.application.applicant_name,
                mask_nik(v.application.nik),
            ]
        )
    for code in result.unknown:
        rows.append([code, "tidak tercatat", "", 0, "", ""])
    for v in result.unclaimed:
        rows.append(
            [
                v.code,
                "belum diklaim",
                v.parcel_ref,
                v.value,
                v.application.applicant_name,
                mask_nik(v.application.nik),
            ]
        )
    for row in rows:
        sheet.append([safe_cell(c) for c in row])
    out = BytesIO()
    book.save(out)
    return out.getvalue()
