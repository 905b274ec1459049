"""Outreach days: plan, notify, assisted intake, XLSX import, the batch to OSS and the prints.

State changes are one transaction each with their audit event; the batch is many small ones,
so its progress is visible while it runs and a fault stops nothing that is already done.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.permissions import can
from balai.audit.services import audit_record
from balai.licensing.choices import RegistrationStatus
from balai.licensing.errors import LicensingError
from balai.licensing.gateway import OssGateway
from balai.licensing.models import BusinessRegistration
from balai.licensing.services import (
    FOLLOW_UP_SERVICE,
    CheckCache,
    kbli_parse,
    registration_check,
    registration_create,
    registration_follow_up,
    registration_submit,
    registrations_issue_documents,
)
from balai.outreach.choices import COLUMNS, BatchStatus, ItemSource
from balai.outreach.models import OutreachBatch, OutreachEvent, OutreachImport, OutreachItem


class OutreachError(LicensingError):
    pass


def permission_require(actor: Any, perm: str, obj: Any) -> None:
    if actor is not None and not can(actor, perm, obj):
        raise OutreachError(403, "forbidden", _("Anda tidak berwenang untuk tindakan ini."))


def event_plan(
    *,
    actor: Any,
    village: Any,
    date: dt.date,
    title: str,
    agencies: list[str] | None = None,
    services: list[str] | None = None,
    staff: list[str] | None = None,
    target_registrations: int = 0,
    agency: Any = None,
) -> OutreachEvent:
    event = OutreachEvent(
        regency_code=village.code[:5],
        title=title.strip(),
        date=date,
        village=village,
        agency=agency,
        agencies=agencies or [],
        services=services or [],
        staff=staff or [],
        target_registrations=target_registrations,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    if not event.title:
        raise OutreachError(422, "title_required", _("Judul kegiatan wajib diisi."))
    permission_require(actor, "outreach.manage", event)
    with transaction.atomic():
        event.save()
        audit_record(
            actor=actor,
            action="outreach.event_planned",
            obj=event,
            region_code=village.code,
            after={"date": date.isoformat(), "title": event.title, "services": event.services},
        )
    return event


def event_notify(*, actor: Any, event: OutreachEvent) -> int:
    """Tells the village's living residents of the day: one WhatsApp message each to the phone
    on record (SMS when WhatsApp fails), queued in this transaction. Returns how many were
    queued; residents without a phone are told by the village office."""
    from balai.documents.dates import date_indonesian
    from balai.notifications.services import notify_residents
    from balai.people.choices import ResidentStatus
    from balai.people.models import Resident

    permission_require(actor, "outreach.manage", event)
    with transaction.atomic():
        locked = OutreachEvent.objects.select_for_update().get(pk=event.pk)
        residents = Resident.objects.filter(
            village_id=locked.village_id, status=ResidentStatus.LIVING
        ).exclude(phone="")
        count = notify_residents(
            template="outreach_invitation",
            context={"title": locked.title, "date": date_indonesian(locked.date)},
            regency_code=locked.regency_code,
            residents=residents.iterator(chunk_size=1000),
            obj=locked,
        )
        locked.notified_at, locked.notified_count = timezone.now(), count
        locked.save(update_fields=["notified_at", "notified_count"])
        audit_record(
            actor=actor,
            action="outreach.residents_notified",
            obj=locked,
            region_code=locked.village_id,
            after={"residents": count},
        )
    return count


def dedupe_key(*, nik: str, business_name: str, kbli: list[str]) -> str:
    name = " ".join(business_name.lower().split())
    return hashlib.sha256(f"{nik}|{name}|{','.join(sorted(kbli))}".encode()).hexdigest()


@dataclass(frozen=True)
class IntakeResult:
    registration: BusinessRegistration | None
    errors: list[dict[str, str]]
    replayed: bool = False


def intake_register(
    *,
    actor: Any,
    event: OutreachEvent,
    data: dict[str, Any],
    source: str = ItemSource.INTAKE,
    line: int | None = None,
    import_run: OutreachImport | None = None,
    cache: CheckCache | None = None,
) -> IntakeResult:
    """One registration on the day. The same owner, business name and KBLI again (a double
    Enter, a second import of the file) finds the first registration instead of a new one."""
    permission_require(actor, "outreach.intake", event)
    nik = str(data.get("nik") or "").strip()
    key = dedupe_key(
        nik=nik, business_name=str(data.get("nama_usaha") or ""), kbli=kbli_parse(data.get("kbli"))
    )
    existing = (
        OutreachItem.objects.filter(event=event, dedupe_key=key)
        .select_related("registration")
        .first()
    )
    if existing is not None:
        return IntakeResult(existing.registration, [], replayed=True)
    checked, errors = registration_check(data=data, regency_code=event.regency_code, cache=cache)
    if checked is None:
        return IntakeResult(None, errors)
    with transaction.atomic():
        registration = registration_create(actor=actor, checked=checked, agency=event.agency)
        OutreachItem.objects.create(
            regency_code=event.regency_code,
            event=event,
            registration=registration,
            source=source,
            line=line,
            import_run=import_run,
            dedupe_key=key,
        )
    return IntakeResult(registration, [])


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _report_row(line: int, column: str, value: str, code: str, reason: str) -> dict[str, Any]:
    return {"line": line, "column": column, "value": value, "code": code, "reason": reason}


def _import_rows(
    *, actor: Any, event: OutreachEvent, run: OutreachImport, rows: Any, header: list[str]
) -> tuple[list[dict[str, Any]], tuple[int, int, int]]:
    report: list[dict[str, Any]] = []
    created = unchanged = count = 0
    cache = CheckCache(regency_code=event.regency_code)
    seen: dict[str, int] = {}
    for line, values in enumerate(rows, start=2):
        data = {name: _cell(values[i]) if i < len(values) else "" for i, name in enumerate(header)}
        if not any(data.get(c) for c in COLUMNS):
            continue  # a blank line inside the sheet is not a registration
        count += 1
        key = dedupe_key(
            nik=data.get("nik", ""),
            business_name=data.get("nama_usaha", ""),
            kbli=kbli_parse(data.get("kbli")),
        )
        if key in seen:
            reason = _("Sama dengan baris %(line)s.") % {"line": seen[key]}
            report.append(_report_row(line, "nik", data.get("nik", ""), "duplicate_row", reason))
            continue
        seen[key] = line
        try:
            with transaction.atomic():
                result = intake_register(
                    actor=actor,
                    event=event,
                    data=data,
                    source=ItemSource.IMPORT,
                    line=line,
                    import_run=run,
                    cache=cache,
                )
        except LicensingError as exc:
            # A row outside the officer's area (another village or district) is refused by
            # the registration's own scope check: reported on its line, the others go on.
            code = "out_of_scope" if exc.status == 403 else exc.code
            reason = (
                _("Desa usaha di luar wilayah kewenangan Anda.")
                if exc.status == 403
                else exc.message
            )
            report.append(_report_row(line, "kode_desa", data.get("kode_desa", ""), code, reason))
            continue
        if result.errors:
            report += [
                _report_row(line, e["field"], data.get(e["field"], ""), e["code"], e["message"])
                for e in result.errors
            ]
        elif result.replayed:
            unchanged += 1
        else:
            created += 1
    return report, (count, created, unchanged)


def import_xlsx(
    *, actor: Any, event: OutreachEvent, file: IO[bytes], file_name: str
) -> OutreachImport:
    """Checks every row of the template's first sheet; valid rows become registrations (once),
    bad rows are reported by line, column and reason. Line 1 is the header."""
    import openpyxl

    permission_require(actor, "outreach.intake", event)
    content = file.read()
    try:
        import io

        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not XLSX
        raise OutreachError(
            422, "file_unreadable", _("Berkas bukan XLSX yang dapat dibaca.")
        ) from exc
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [_cell(v).lower() for v in next(rows, [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise OutreachError(
            422,
            "columns_missing",
            _("Kolom tidak ada: %(columns)s.") % {"columns": ", ".join(missing)},
        )
    # One transaction for the whole file: a fault half-way leaves neither an empty import
    # record nor half of the rows; a refused row is reported on its line and skipped.
    with transaction.atomic():
        run = OutreachImport.objects.create(
            regency_code=event.regency_code,
            event=event,
            file_name=file_name[:200],
            sha256=hashlib.sha256(content).hexdigest(),
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        report, counts = _import_rows(actor=actor, event=event, run=run, rows=rows, header=header)
        count, created, unchanged = counts
        bad_lines = {r["line"] for r in report}
        run.rows, run.created, run.unchanged, run.bad = count, created, unchanged, len(bad_lines)
        run.report = report
        run.save(update_fields=["rows", "created", "unchanged", "bad", "report"])
        audit_record(
            actor=actor,
            action="outreach.imported",
            obj=run,
            region_code=event.village_id,
            after={
                "file": run.file_name,
                "sha256": run.sha256,
                "rows": count,
                "created": created,
                "unchanged": unchanged,
                "bad": run.bad,
            },
        )
    return run


def template_xlsx() -> bytes:
    """The file officers fill in: the columns on the first sheet, how to fill them on the second."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "pendaftaran"
    sheet.append(COLUMNS)
    for column in ("A", "C", "E"):
        # NIK, KBLI and village codes are text: as numbers Excel drops their leading zeros and
        # rounds a 16-digit NIK.
        for cell in sheet[column][:2000]:
            cell.number_format = "@"
    notes = book.create_sheet("petunjuk")
    for row in (
        ["kolom", "isi"],
        ["nik", "NIK pemilik usaha, 16 digit, terdaftar di kabupaten"],
        ["nama_usaha", "nama usaha"],
        ["kbli", "kode KBLI 2020 lima digit; lebih dari satu dipisah koma"],
        ["alamat_usaha", "alamat tempat usaha"],
        ["kode_desa", "kode desa tempat usaha, mis. 35.10.05.2001"],
        ["modal", "modal usaha dalam rupiah di luar tanah dan bangunan (usaha mikro/kecil)"],
        ["tenaga_kerja", "jumlah tenaga kerja"],
    ):
        notes.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def batch_start(*, actor: Any, event: OutreachEvent) -> OutreachBatch:
    permission_require(actor, "outreach.run", event)
    with transaction.atomic():
        batch = OutreachBatch.objects.create(
            regency_code=event.regency_code,
            event=event,
            started_at=timezone.now(),
            started_by=actor if getattr(actor, "pk", None) else None,
        )
        audit_record(
            actor=actor, action="outreach.batch_started", obj=batch, region_code=event.village_id
        )
    return batch


def batch_fail(*, batch: OutreachBatch, error: str) -> OutreachBatch:
    """Marks a batch that stopped outside `batch_run`'s own bookkeeping (the worker died before
    or around it) as failed, so no page keeps waiting on a run that is over."""
    with transaction.atomic():
        locked = OutreachBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != BatchStatus.RUNNING:
            return locked
        locked.status, locked.error = BatchStatus.FAILED, error[:1000]
        locked.finished_at = timezone.now()
        locked.save(update_fields=["status", "error", "finished_at"])
        audit_record(
            actor=None,
            action="outreach.batch_failed",
            obj=locked,
            region_code=locked.event.village_id,
            after={"error": locked.error},
        )
    return locked


def batch_run(
    *,
    actor: Any,
    batch: OutreachBatch,
    gateway: OssGateway,
    workers: int | None = None,
    tries: int | None = None,
    backoff: float | None = None,
    progress: Callable[[OutreachBatch], None] | None = None,
) -> OutreachBatch:
    """Sends every registration of the day that has no NIB yet (ready, or marked for retry) to
    OSS, then issues the signed NIB documents for all that have a NIB and no document."""
    event = batch.event
    items = BusinessRegistration.objects.filter(outreach_item__event=event).select_related(
        "owner", "village"
    )
    todo = list(
        items.exclude(status__in=[RegistrationStatus.ISSUED, RegistrationStatus.REJECTED]).order_by(
            "pk"
        )
    )
    batch.total = len(todo)
    batch.save(update_fields=["total"])
    try:
        for number, registration in enumerate(todo, start=1):
            done = registration_submit(
                actor=actor,
                registration=registration,
                gateway=gateway,
                tries=tries,
                backoff=backoff,
            )
            if done.certificate in FOLLOW_UP_SERVICE and actor is not None:
                registration_follow_up(actor=actor, registration=done)
            batch.sent = number
            batch.issued += done.status == RegistrationStatus.ISSUED
            batch.retry += done.status == RegistrationStatus.RETRY
            batch.rejected += done.status == RegistrationStatus.REJECTED
            if number % 20 == 0 or number == len(todo):
                batch.save(update_fields=["sent", "issued", "retry", "rejected"])
                if progress:
                    progress(batch)
        result = registrations_issue_documents(
            actor=actor, registrations=list(items.order_by("pk")), workers=workers
        )
        batch.documents = result.issued
        batch.merged_paths = result.merged_paths
        batch.status = BatchStatus.DONE
    except Exception as exc:
        batch.status, batch.error = BatchStatus.FAILED, f"{type(exc).__name__}: {exc}"[:1000]
        raise
    finally:
        batch.finished_at = timezone.now()
        with transaction.atomic():
            batch.save()
            audit_record(
                actor=actor,
                action="outreach.batch_finished",
                obj=batch,
                region_code=event.village_id,
                after={
                    "status": batch.status,
                    "total": batch.total,
                    "issued": batch.issued,
                    "retry": batch.retry,
                    "rejected": batch.rejected,
                    "documents": batch.documents,
                },
            )
    return batch
