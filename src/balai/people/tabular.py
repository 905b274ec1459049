"""Reading a table of rows from CSV or XLSX as a stream, with each row's physical line number."""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _


class TableError(ValueError):
    """The file as a whole cannot be read (not the fault of one row)."""


def _csv_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    # utf-8-sig drops a BOM when there is one; Excel writes it, most exports do not.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = handle.readline()
        delimiter = ";" if header.count(";") > header.count(",") else ","
        reader = csv.reader(itertools.chain([header], handle), delimiter=delimiter)
        end = 0
        try:
            for cells in reader:
                # A quoted cell may span lines: a row starts on the line after the last ended.
                start, end = end + 1, reader.line_num
                if cells:
                    yield start, cells
        except UnicodeDecodeError as exc:
            raise TableError(
                _("Berkas bukan teks UTF-8 (sekitar baris %(n)d).") % {"n": end + 1}
            ) from exc
        except csv.Error as exc:
            raise TableError(_("Berkas CSV rusak di baris %(n)d.") % {"n": end + 1}) from exc


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    # read_only streams the sheet's XML instead of building every cell in memory.
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        for line, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            if any(cell not in (None, "") for cell in cells):
                yield line, list(cells)
    finally:
        workbook.close()


def table_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    """(line, cells) for every non-empty row, the header included as line 1."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_rows(path)
    if suffix in (".csv", ".txt"):
        return _csv_rows(path)
    raise TableError(_("Jenis berkas tidak didukung; gunakan CSV atau XLSX."))
