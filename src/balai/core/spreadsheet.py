"""Cells of every CSV and XLSX export, neutralised against formula injection.

A spreadsheet program runs a cell that starts with `=`, `+`, `-` or `@` (and, in some, a tab
or carriage return before one) as a formula: a complaint typed into the public form as
`=HYPERLINK(...)` would run on the officer's machine when the export is opened (OWASP,
"CSV Injection"; ASVS 5.0 1.2.10). Every export writes its cells through `safe_cell`, so text
that looks like a formula is stored with a leading apostrophe and shown as typed.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """`value` as a cell: numbers, dates and empty cells as they are, risky text escaped."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(v) for v in row]


class SafeCsvWriter:
    """`csv.writer` whose every cell goes through `safe_cell`."""

    def __init__(self, out: Any, **kwargs: Any) -> None:
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out: Any, **kwargs: Any) -> SafeCsvWriter:
    return SafeCsvWriter(out, **kwargs)


def xlsx_append(sheet: Any, row: Iterable[Any]) -> None:
    """Appends one row to an openpyxl sheet, every cell through `safe_cell`."""
    sheet.append(safe_row(row))
