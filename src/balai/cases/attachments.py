"""Attachments of a case: storing a checked file, attaching it, marking shown requirements.

A file is checked (uploads.upload_check) before any transaction starts, so a wrong or too
large file refuses the whole request with nothing written. The bytes are written to a
temporary name and renamed into place (a reader never sees half a file); if the database
transaction then fails, a file this request created is removed again.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.audit.services import audit_record
from balai.cases.access import CITIZEN_ROLE, case_may_view, case_staff_roles, is_citizen
from balai.cases.choices import CLOSED_STATUSES, RequirementStatus
from balai.cases.errors import CaseError
from balai.cases.models import Case, CaseAction, CaseAttachment, CaseRequirement
from balai.cases.uploads import CheckedFile, upload_check

ATTACHMENT_DIR = "attachments"


@dataclass(frozen=True)
class Upload:
    """A file as it arrived: its bytes, the name the client gave, the requirement it is for."""

    name: str
    data: bytes
    requirement_code: str = ""


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    requirement_code: str
    file: CheckedFile


def uploads_check(uploads: list[Upload]) -> list[CheckedUpload]:
    """Check every file first: one bad file refuses them all."""
    checked = []
    for upload in uploads:
        try:
            checked.append(
                CheckedUpload(
                    _clean_name(upload.name), upload.requirement_code, upload_check(upload.data)
                )
            )
        except CaseError as exc:
            exc.details = {"file": _clean_name(upload.name)}
            raise
    return checked


def _clean_name(name: str) -> str:
    # Only a label for people: the stored path is the hash, never the client's name.
    base = os.path.basename((name or "").replace("\\", "/"))
    base = "".join(ch for ch in base if ch.isprintable() and ch not in "\x00")
    return base[:200] or "berkas"


def attachment_path(att: CaseAttachment) -> Path:
    return Path(settings.MEDIA_ROOT) / att.path


def _store(file: CheckedFile, regency_code: str) -> tuple[str, bool]:
    """Write the file under its hash; (relative path, whether this call created it)."""
    relative = (
        f"{ATTACHMENT_DIR}/{regency_code or 'xx'}/{file.sha256[:2]}/{file.sha256}.{file.extension}"
    )
    target = Path(settings.MEDIA_ROOT) / relative
    if target.exists():
        return relative, False
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(file.content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return relative, True


class _Written:
    """Files written inside a transaction; removed again when it rolls back."""

    def __init__(self) -> None:
        self.created: list[str] = []

    def forget_on_failure(self) -> None:
        for relative in self.created:
            # Another request may have committed the same file meanwhile: keep it then.
            if not CaseAttachment.objects.filter(path=relative).exists():
                (Path(settings.MEDIA_ROOT) / relative).unlink(missing_ok=True)


def attachments_save(
    *,
    case: Case,
    uploads: list[CheckedUpload],
    actor: Any,
    role: str,
    case_action: CaseAction | None = None,
    written: _Written,
) -> list[CaseAttachment]:
    """Store and record checked files on `case`; call inside the caller's transaction.

    A file naming a requirement of the case satisfies it (status `uploaded`).
    """
    if not uploads:
        return []
    requirements = {r.code: r for r in case.requirements.all()}
    now = timezone.now()
    rows = []
    for upload in uploads:
        if upload.requirement_code and upload.requirement_code not in requirements:
            raise CaseError(
                422,
                "unknown_requirement",
                _("Persyaratan ini tidak ada pada permohonan."),
                {"requirement": upload.requirement_code[:60]},
            )
        path, created = _store(upload.file, case.regency_code)
        if created:
            written.created.append(path)
        rows.append(
            CaseAttachment(
                regency_code=case.regency_code,
                case=case,
                requirement_code=upload.requirement_code,
                case_action=case_action,
                name=upload.name,
                content_type=upload.file.content_type,
                size=len(upload.file.content),
                sha256=upload.file.sha256,
                original_sha256=upload.file.original_sha256,
                path=path,
                uploaded_by=None if is_citizen(actor) else actor,
                role=role,
                uploaded_at=now,
            )
        )
        requirement = requirements.get(upload.requirement_code)
        if requirement is not None and requirement.status == RequirementStatus.MISSING:
            requirement.status = RequirementStatus.UPLOADED
            requirement.save(update_fields=["status"])
    CaseAttachment.objects.bulk_create(rows)
    return rows


def _staff_role(actor: Any, case: Case) -> str | None:
    """The role staff attach or mark with: an office holding the case, or the front desk."""
    roles = case_staff_roles(actor, case)
    return min(roles) if roles else None


def _locked(case: Case, actor: Any) -> Case:
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("applicant", "service", "service_point")
        .get(pk=case.pk)
    )
    if not case_may_view(viewer=actor, case=case):
        raise CaseError(404, "not_found", _("Permohonan tidak ditemukan."))
    if case.status in CLOSED_STATUSES:
        raise CaseError(409, "case_closed", _("Permohonan ini sudah selesai."))
    return case


def case_attach(*, actor: Any, case: Case, uploads: list[Upload]) -> list[CaseAttachment]:
    """Add files to an open case: the applicant, their counter, or the office holding it."""
    if not uploads:
        raise CaseError(422, "file_required", _("Pilih berkas yang akan diunggah."))
    checked = uploads_check(uploads)
    written = _Written()
    try:
        with transaction.atomic():
            case = _locked(case, actor)
            if is_citizen(actor):
                role = CITIZEN_ROLE if actor.pk == case.applicant_id else None
            else:
                role = _staff_role(actor, case)
            if role is None:
                raise CaseError(
                    403, "forbidden", _("Anda tidak berwenang menambah lampiran permohonan ini.")
                )
            rows = attachments_save(
                case=case, uploads=checked, actor=actor, role=role, written=written
            )
            audit_record(
                actor=_audit_actor(actor),
                action="cases.attach",
                obj=case,
                region_code=case.applicant.village_id,
                after={"files": [_audit_file(r) for r in rows], "role": role},
            )
    except BaseException:
        written.forget_on_failure()
        raise
    return rows


def _audit_file(row: CaseAttachment) -> dict[str, Any]:
    return {"requirement": row.requirement_code, "sha256": row.sha256, "size": row.size}


def _audit_actor(actor: Any) -> Any:
    from balai.cases.services import _audit_actor as audit_actor

    return audit_actor(actor)


def requirement_mark_shown(*, actor: Any, case: Case, code: str) -> CaseRequirement:
    """The counter saw the original (a land certificate, a passport) and says so."""
    with transaction.atomic():
        case = _locked(case, actor)
        role = None if is_citizen(actor) else _staff_role(actor, case)
        if role is None:
            raise CaseError(
                403, "forbidden", _("Hanya petugas yang dapat menandai persyaratan ditunjukkan.")
            )
        requirement = case.requirements.select_for_update().filter(code=code).first()
        if requirement is None:
            raise CaseError(404, "requirement_not_found", _("Persyaratan tidak ditemukan."))
        if requirement.status != RequirementStatus.MISSING:
            raise CaseError(409, "requirement_satisfied", _("Persyaratan ini sudah terpenuhi."))
        requirement.status = RequirementStatus.SHOWN
        requirement.note = _("Dilihat oleh %(who)s") % {"who": str(actor)[:200]}
        requirement.save(update_fields=["status", "note"])
        audit_record(
            actor=actor,
            action="cases.requirement_shown",
            obj=case,
            region_code=case.applicant.village_id,
            after={"requirement": code, "role": role},
        )
    return requirement


def attachment_response(row: CaseAttachment, *, viewer: Any) -> FileResponse:
    """The stored file, always as a download: a browser never renders it in Balai's origin.

    Each download is an audit event: an attachment is often an ID card or a family register,
    and after a leak the office must say who took which (UU 27/2022 art. 46).
    """
    with transaction.atomic():
        audit_record(
            actor=viewer,
            action="cases.attachment_downloaded",
            obj=row,
            region_code=row.case.office_region_code or None,
            after={"case": row.case_id, "name": row.name, "sha256": row.sha256},
        )
    response = FileResponse(
        attachment_path(row).open("rb"),
        content_type=row.content_type,
        as_attachment=True,
        filename=row.name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
