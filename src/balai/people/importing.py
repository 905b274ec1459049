"""Importing residents from a regency's CSV or XLSX export (`balai import-residents`).

Built for a regency at once (Banyuwangi: about 1.7 million rows): the file is streamed, every row
is checked in Python against sets loaded once, and valid rows are written in batches, each in its
own transaction, with one query per batch for existing residents and one for existing families.
Residents are matched on (regency_code, nik) and families on (regency_code, kk_number), so a
second run of the same file changes nothing. Bad rows are never written; each is reported by its
physical line. One audit event records the run (file, sha256, counts), not one per row.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from balai.audit.services import audit_record
from balai.core.spreadsheet import csv_writer
from balai.people.columns import (
    COLUMN_OF,
    COLUMNS,
    DEFAULTS,
    FIELD_OF,
    REQUIRED_COLUMNS,
    CellError,
    parse_choice,
    parse_date,
    parse_number,
    parse_rt_rw,
    text_of,
)
from balai.people.importing_batch import Batch, BatchCounts, batch_write
from balai.people.rules import kk_field_errors, record_nik_remarks, resident_errors
from balai.people.tabular import TableError, table_rows
from balai.regions.choices import Level
from balai.regions.models import Region, regency_code_of

BATCH_SIZE = 2000
REPORT_HEADER = ("line", "column", "value", "code", "reason")
CHOICE_FIELDS = ("sex", "religion", "marital_status", "education", "blood_type")
CHOICE_FIELDS += ("relationship", "status")
NUMBER_FIELDS = ("nik", "kk_number", "phone")
DATE_FIELDS = ("birth_date", "status_date")


class ImportFileError(TableError):
    pass


@dataclass
class ImportSummary:
    file: str
    sha256: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    bad: int = 0
    families_created: int = 0
    families_updated: int = 0
    dry_run: bool = False
    report: str = ""
    ignored_columns: list[str] = field(default_factory=list)

    def add(self, counts: BatchCounts) -> None:
        for name in ("created", "updated", "unchanged", "families_created", "families_updated"):
            setattr(self, name, getattr(self, name) + getattr(counts, name))

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class _Report:
    """The bad-row report: line, column, value, code, reason (in Indonesian)."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._handle = path.open("w", newline="", encoding="utf-8")
        # The report echoes what the file held: a cell typed as a formula stays text.
        self._writer = csv_writer(self._handle)
        self._writer.writerow(REPORT_HEADER)
        self.bad_lines: set[int] = set()

    def add(self, line: int, column: str, value: str, code: str, reason: str) -> None:
        self.bad_lines.add(line)
        self._writer.writerow((line, column, value, code, reason))

    def close(self) -> None:
        self._handle.close()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def default_report_path(path: Path) -> Path:
    stamp = timezone.now().strftime("%Y%m%dT%H%M%S")
    return Path(settings.VAR_DIR) / "import-reports" / f"{path.stem}-{stamp}.csv"


def _header_index(cells: list[Any]) -> tuple[dict[str, int], list[str]]:
    names = [text_of(c).strip().lower().replace(" ", "_") for c in cells]
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise ImportFileError(_("Kolom wajib tidak ada: %(cols)s.") % {"cols": ", ".join(missing)})
    index = {name: i for i, name in enumerate(names) if name in FIELD_OF}
    return index, [n for n in names if n and n not in FIELD_OF]


def _parse_text(text: str) -> str:
    return " ".join(text.split())


def _parser(field_name: str):
    """The function that turns a column's text into its field's value (chosen once)."""
    if field_name in DATE_FIELDS:
        return lambda text: parse_date(text) if text else None
    if field_name in CHOICE_FIELDS:
        default = DEFAULTS.get(field_name, "")
        return lambda text: parse_choice(field_name, text) if text else default
    if field_name in NUMBER_FIELDS:
        return parse_number
    if field_name in ("rt", "rw"):
        return parse_rt_rw
    return _parse_text


PARSERS = [(column, FIELD_OF[column], _parser(FIELD_OF[column])) for column in COLUMNS]


class RowChecker:
    """Turns raw cells into a resident's values, or into reasons the row is bad."""

    def __init__(self, *, index: dict[str, int], today: dt.date):
        self.index = index
        self.today = today
        self.districts = set(
            Region.objects.filter(level=Level.DISTRICT).values_list("code", flat=True)
        )
        self.villages = set(
            Region.objects.filter(level=Level.VILLAGE).values_list("code", flat=True)
        )
        self.seen_niks: dict[int, int] = {}  # int(regency + nik) -> first line
        self.heads: dict[tuple[str, str], int] = {}  # (regency, kk) -> line of its head

    def check(self, cells: list[Any]) -> tuple[dict[str, Any], list[tuple[str, str, str, str]]]:
        """(values, errors); each error is (column, value, code, reason)."""
        values: dict[str, Any] = {}
        errors: list[tuple[str, str, str, str]] = []
        raw: dict[str, str] = {}
        width = len(cells)
        for column, field_name, parse in PARSERS:
            i = self.index.get(column)
            text = text_of(cells[i]) if i is not None and i < width else ""
            raw[column] = text
            try:
                values[field_name] = parse(text)
            except CellError as exc:
                errors.append((column, text, exc.code, exc.message))
        bad_columns = {e[0] for e in errors}
        checkable = {k: v for k, v in values.items() if COLUMN_OF[k] not in bad_columns}
        problems = resident_errors(
            checkable, districts=self.districts, villages=self.villages, today=self.today
        )
        problems += kk_field_errors(
            checkable.get("kk_number"), districts=self.districts, today=self.today
        )
        if values.get("status") not in (None, "", "hidup") and not values.get("status_date"):
            problems.append(_missing_status_date())
        for p in problems:
            if COLUMN_OF.get(p.field) in bad_columns:
                continue  # already reported as unreadable; "required" would say it twice
            column = COLUMN_OF.get(p.field, p.field)
            errors.append((column, raw.get(column, ""), p.code, p.message))
        if not errors:
            errors += self._check_against_file(values, raw)
        if not errors:
            values["nik_remarks"] = record_nik_remarks(values, today=self.today)
        return values, errors

    def _check_against_file(self, values: dict[str, Any], raw: dict[str, str]) -> list:
        regency = regency_code_of(values["village_code"])
        nik_key = int(regency.replace(".", "") + values["nik"])
        first = self.seen_niks.get(nik_key)
        if first is not None:
            reason = _("NIK sudah ada di baris %(n)d berkas ini.") % {"n": first}
            return [("nik", raw["nik"], "duplicate_nik", reason)]
        kk = values.get("kk_number")
        if kk and values.get("relationship") == "kepala_keluarga":
            head_line = self.heads.get((regency, kk))
            if head_line is not None:
                reason = _("Keluarga ini sudah punya kepala keluarga di baris %(n)d.") % {
                    "n": head_line
                }
                return [("hubungan", raw["hubungan"], "family_has_head", reason)]
        return []

    def accept(self, line: int, values: dict[str, Any]) -> None:
        regency = regency_code_of(values["village_code"])
        self.seen_niks[int(regency.replace(".", "") + values["nik"])] = line
        if values.get("kk_number") and values.get("relationship") == "kepala_keluarga":
            self.heads[(regency, values["kk_number"])] = line


def _missing_status_date():
    from balai.people.errors import FieldError

    return FieldError("status_date", "required", _("Tanggal meninggal/pindah wajib diisi."))


def _write(batch: Batch, summary: ImportSummary, report: _Report) -> None:
    """Write a batch in one transaction; if the database refuses it, retry row by row so one
    refused row never takes its neighbours down, and never stays half-written."""
    if not batch.rows:
        return
    try:
        with transaction.atomic():
            counts = batch_write(batch)
    except DatabaseError:
        counts = BatchCounts()
        for line, values in batch.rows:
            single = Batch(rows=[(line, values)])
            try:
                with transaction.atomic():
                    counts += batch_write(single)
            except DatabaseError as exc:
                reason = _("Ditolak basis data: %(error)s") % {"error": str(exc).splitlines()[0]}
                report.add(line, "", "", "database", reason)
    for line, column, value, code, reason in counts.refused:
        report.add(line, column, value, code, reason)
    summary.add(counts)


def _run(
    rows: Iterable[tuple[int, list[Any]]],
    *,
    summary: ImportSummary,
    report: _Report,
    batch_size: int,
    progress: bool,
    today: dt.date,
) -> None:
    rows = iter(rows)
    header = next(rows, None)
    if header is None:
        raise ImportFileError(_("Berkas kosong."))
    index, summary.ignored_columns = _header_index(header[1])
    checker = RowChecker(index=index, today=today)
    batch = Batch()
    with tqdm(unit=" baris", file=sys.stderr, disable=not progress, mininterval=1) as bar:
        for line, cells in rows:
            summary.rows += 1
            values, errors = checker.check(cells)
            if errors:
                for column, value, code, reason in errors:
                    report.add(line, column, value, code, reason)
            else:
                checker.accept(line, values)
                batch.rows.append((line, values))
                if len(batch.rows) >= batch_size:
                    _write(batch, summary, report)
                    batch = Batch()
            bar.update(1)
        _write(batch, summary, report)


def residents_import(
    *,
    actor: Any,
    path: Path,
    report_path: Path | None = None,
    dry_run: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: bool = False,
    today: dt.date | None = None,
) -> ImportSummary:
    """Load a file of residents; returns the counts. Raises ImportFileError for an unreadable
    file (bad header, not UTF-8, unknown type) — rows already committed stay committed."""
    path = Path(path)
    report_path = Path(report_path) if report_path else default_report_path(path)
    summary = ImportSummary(file=path.name, sha256=file_sha256(path), dry_run=dry_run)
    summary.report = str(report_path)
    report = _Report(report_path)
    # A dry run does every read and write the real one would, inside one transaction that is
    # rolled back; a real run commits batch by batch.
    outer = transaction.atomic() if dry_run else contextlib.nullcontext()
    try:
        with outer:
            _run(
                table_rows(path),
                summary=summary,
                report=report,
                batch_size=batch_size,
                progress=progress,
                today=today or timezone.localdate(),
            )
            summary.bad = len(report.bad_lines)
            if dry_run:
                transaction.set_rollback(True)
    finally:
        report.close()
    if not dry_run:
        with transaction.atomic():
            audit_record(
                actor=actor,
                action="people.resident.import",
                object_type="people.import",
                object_id=summary.sha256[:16],
                after={k: v for k, v in summary.as_dict().items() if k != "report"},
            )
    return summary
