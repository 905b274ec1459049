"""The cases API: intake (honours Idempotency-Key), inbox, one case, actions, public tracking.

Errors are {"code", "message"}: a stable English code, a message in Bahasa Indonesia.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import ValidationError as PydanticValidationError

from balai.cases.attachments import (
    Upload,
    attachment_path,
    attachment_response,
    case_attach,
    requirement_mark_shown,
)
from balai.cases.choices import Channel
from balai.cases.errors import CaseError
from balai.cases.models import Case, CaseAttachment
from balai.cases.selectors import (
    InboxFilters,
    case_actions_for,
    case_get,
    case_inbox,
    case_is_overdue,
    case_state_name,
    case_track,
)
from balai.cases.services import case_act, case_submit
from balai.cases.uploads import max_bytes
from balai.catalog.models import Service, ServicePoint
from balai.core.api_errors import ApiError
from balai.payments.services import bill_open_after_intake
from balai.people.models import Resident
from balai.people.nik import mask_nik

router = Router(tags=["cases"])

# Codes of services, service points, states and actions: slugs (and never a NUL byte, which
# PostgreSQL text refuses).
CODE_PATTERN = r"^[A-Za-z0-9_.-]+$"
KEY_PATTERN = re.compile(r"^[\x21-\x7e]{1,100}$")


def _api_error(exc: CaseError) -> ApiError:
    return ApiError(exc.status, exc.code, exc.message, exc.details)


class IntakeIn(Schema):
    service: str = Field(..., max_length=60, pattern=CODE_PATTERN, description="service code")
    applicant_nik: str = Field(..., pattern=r"^\d{16}$")
    beneficiary_nik: str | None = Field(None, pattern=r"^\d{16}$")
    channel: Channel
    service_point: str | None = Field(
        None, max_length=60, pattern=CODE_PATTERN, description="service point code"
    )
    form_data: dict[str, Any] = Field(default_factory=dict)


class ActIn(Schema):
    action: str = Field(..., max_length=60, pattern=CODE_PATTERN)
    comment: str = Field("", max_length=2000, pattern=r"^[^\x00]*$")
    reason_code: str | None = Field(None, max_length=40, pattern=CODE_PATTERN)


class CaseOut(Schema):
    id: int
    tracking_code: str
    service: str
    status: str
    state: str
    stage: str
    channel: str
    applicant_nik: str  # masked
    submitted_at: dt.datetime
    due_at: dt.datetime | None
    closed_at: dt.datetime | None
    overdue: bool
    actions: list[str]


class InboxOut(Schema):
    count: int
    items: list[CaseOut]


class TrackOut(Schema):
    tracking_code: str
    service: str
    status: str
    status_label: str
    stage: str
    next_step: str
    office: str
    submitted_at: dt.datetime
    due_at: dt.datetime | None
    closed_at: dt.datetime | None


class ErrorOut(Schema):
    code: str
    message: str
    details: Any = None


def _case_out(case: Case, viewer: Any) -> dict[str, Any]:
    return {
        "id": case.pk,
        "tracking_code": case.tracking_code,
        "service": case.service.code,
        "status": case.status,
        "state": case.state,
        "stage": case_state_name(case),
        "channel": case.channel,
        "applicant_nik": mask_nik(case.applicant.nik),
        "submitted_at": case.submitted_at,
        "due_at": case.due_at,
        "closed_at": case.closed_at,
        "overdue": case_is_overdue(case),
        "actions": [a.code for a in case_actions_for(viewer=viewer, case=case)],
    }


class AttachmentOut(Schema):
    id: int
    name: str
    requirement: str
    content_type: str
    size: int
    sha256: str
    role: str
    uploaded_at: dt.datetime


class RequirementOut(Schema):
    code: str
    name: str
    status: str


def _attachment_out(row: CaseAttachment) -> dict[str, Any]:
    return {
        "id": row.pk,
        "name": row.name,
        "requirement": row.requirement_code,
        "content_type": row.content_type,
        "size": row.size,
        "sha256": row.sha256,
        "role": row.role,
        "uploaded_at": row.uploaded_at,
    }


def _uploads(files: list[UploadedFile] | None, requirements: list[str]) -> list[Upload]:
    """Files as they arrived; `requirements[i]` names the requirement of `files[i]` (or "")."""
    files = files or []
    if len(requirements) > len(files):
        raise ApiError(
            422,
            "invalid_input",
            "Jumlah kode persyaratan melebihi jumlah berkas.",
        )
    uploads = []
    for i, f in enumerate(files):
        # Read one byte past the limit: enough to know it is too large, never the whole of it.
        data = f.read(max_bytes() + 1)
        uploads.append(Upload(f.name or "", data, requirements[i] if i < len(requirements) else ""))
    return uploads


def _resident(nik: str, actor: Any) -> tuple[Resident, bool]:
    """The resident with this NIK: first in the actor's own register scope, else anywhere.

    The second value says the match came from outside that scope; a refusal then answers as
    "not found", so the API never confirms that a NIK exists to someone who may not see it.
    """
    from balai.accounts.permissions import can

    # A NIK is unique per regency, so this is one row, or one per regency the person lived in.
    matches = list(Resident.objects.filter(nik=nik).order_by("pk")[:10])
    for resident in matches:
        if can(actor, "cases.submit", resident):
            return resident, False
    # Counter and agency staff are not scoped to residents: they serve anyone who comes.
    found = matches[0] if matches else None
    if found is None:
        raise ApiError(404, "resident_not_found", "Penduduk dengan NIK ini tidak ditemukan.")
    return found, True


def _beneficiary(nik: str, applicant: Resident) -> Resident:
    """The applicant themself or a member of their family (one KK), looked up only there.

    An unknown NIK and a NIK from another family (or district) get the one same answer, so
    the endpoint cannot be used to learn whether a NIK exists (ASVS 5.0 6.3.8-style oracle).
    """
    if nik == applicant.nik:
        return applicant
    found = (
        Resident.objects.filter(nik=nik, family_id=applicant.family_id).first()
        if applicant.family_id is not None
        else None
    )
    if found is None:
        raise ApiError(
            422,
            "beneficiary_not_family",
            "Penerima manfaat harus anggota keluarga pemohon dalam satu Kartu Keluarga.",
        )
    return found


@router.post(
    "",
    response={
        201: CaseOut,
        200: CaseOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
    },
    summary="File an application (any channel); send Idempotency-Key to make retries safe",
)
def intake(request: HttpRequest, payload: IntakeIn):
    return _intake(request, payload, [])


@router.post(
    "/multipart",
    response={
        201: CaseOut,
        200: CaseOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        413: ErrorOut,
        422: ErrorOut,
    },
    summary="File an application with files: `data` is the JSON of POST /cases; "
    "`requirements[i]` names the requirement `files[i]` satisfies",
)
def intake_multipart(
    request: HttpRequest,
    data: Form[str],
    files: File[list[UploadedFile]] = None,
    requirements: Form[list[str]] = None,
):
    try:
        payload = IntakeIn.model_validate(json.loads(data))
    except (ValueError, PydanticValidationError) as exc:
        raise ApiError(
            422, "invalid_input", "Data yang dikirim tidak valid.", {"data": str(exc)[:500]}
        ) from exc
    return _intake(request, payload, _uploads(files, requirements or []))


def _intake(request: HttpRequest, payload: IntakeIn, uploads: list[Upload]):
    key = request.headers.get("Idempotency-Key") or None
    if key is not None and not KEY_PATTERN.match(key):
        raise ApiError(
            422,
            "invalid_idempotency_key",
            "Kunci idempotensi harus 1–100 karakter ASCII yang terlihat.",
        )
    service = Service.objects.filter(code=payload.service).first()
    if service is None:
        raise ApiError(404, "service_not_found", "Layanan tidak ditemukan.")
    point = None
    if payload.service_point:
        point = ServicePoint.objects.filter(code=payload.service_point).first()
        if point is None:
            raise ApiError(404, "service_point_not_found", "Tempat layanan tidak ditemukan.")
    applicant, outside = _resident(payload.applicant_nik, request.auth)
    beneficiary = None
    if payload.beneficiary_nik:
        beneficiary = _beneficiary(payload.beneficiary_nik, applicant)
    try:
        case = case_submit(
            actor=request.auth,
            service=service,
            applicant=applicant,
            beneficiary=beneficiary,
            channel=payload.channel,
            service_point=point,
            form_data=payload.form_data,
            idempotency_key=key,
            attachments=uploads,
        )
    except CaseError as exc:
        if exc.status == 403 and outside:
            raise ApiError(
                404, "resident_not_found", "Penduduk dengan NIK ini tidak ditemukan."
            ) from exc
        raise _api_error(exc) from exc
    if not case.replayed:
        bill_open_after_intake(actor=request.auth, case=case)
    return Status(200 if case.replayed else 201, _case_out(case, request.auth))


@router.get("/inbox", response=InboxOut, summary="Open cases the caller may act on now")
def inbox(
    request: HttpRequest,
    service: str | None = Query(None, max_length=60, pattern=CODE_PATTERN),
    state: str | None = Query(None, max_length=60, pattern=CODE_PATTERN),
    overdue: bool = False,
    limit: int = Query(50, ge=1, le=settings.API_PAGE_SIZE_MAX),
    offset: int = Query(0, ge=0, le=10_000_000),
):
    cases = case_inbox(
        viewer=request.auth, filters=InboxFilters(service=service, state=state, overdue=overdue)
    )
    page = list(cases[offset : offset + limit])
    return {"count": cases.count(), "items": [_case_out(c, request.auth) for c in page]}


@router.get("/{int:case_id}", response={200: CaseOut, 404: ErrorOut}, summary="One case")
def case_detail(request: HttpRequest, case_id: int):
    case = case_get(viewer=request.auth, pk=case_id)
    if case is None:
        raise ApiError(404, "not_found", "Permohonan tidak ditemukan.")
    return Status(200, _case_out(case, request.auth))


@router.post(
    "/{int:case_id}/actions",
    response={200: CaseOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Take one workflow action on a case",
)
def case_action(request: HttpRequest, case_id: int, payload: ActIn):
    case = case_get(viewer=request.auth, pk=case_id)
    if case is None:
        raise ApiError(404, "not_found", "Permohonan tidak ditemukan.")
    try:
        case = case_act(
            actor=request.auth,
            case=case,
            action=payload.action,
            comment=payload.comment,
            reason_code=payload.reason_code,
        )
    except CaseError as exc:
        raise _api_error(exc) from exc
    return Status(200, _case_out(case_get(viewer=request.auth, pk=case.pk) or case, request.auth))


@router.get(
    "/track/{code}",
    auth=None,
    response={200: TrackOut, 404: ErrorOut},
    summary="Public status of a case by tracking code (no personal data)",
)
def track(request: HttpRequest, code: str):
    status = case_track(code=code[:20])
    if status is None:
        raise ApiError(404, "not_found", "Kode lacak tidak ditemukan.")
    return Status(
        200,
        {
            "tracking_code": status.tracking_code,
            "service": status.service_name,
            "status": status.status,
            "status_label": status.status_label,
            "stage": status.stage,
            "next_step": status.next_step,
            "office": status.office,
            "submitted_at": status.submitted_at,
            "due_at": status.due_at,
            "closed_at": status.closed_at,
        },
    )


def _visible_case(request: HttpRequest, case_id: int) -> Case:
    case = case_get(viewer=request.auth, pk=case_id)
    if case is None:
        raise ApiError(404, "not_found", "Permohonan tidak ditemukan.")
    return case


@router.get(
    "/{int:case_id}/requirements",
    response={200: list[RequirementOut], 404: ErrorOut},
    summary="The requirements of a case and how each is satisfied",
)
def case_requirements(request: HttpRequest, case_id: int):
    case = _visible_case(request, case_id)
    return Status(
        200, [{"code": r.code, "name": r.name, "status": r.status} for r in case.requirements.all()]
    )


@router.post(
    "/{int:case_id}/requirements/{code}/shown",
    response={200: RequirementOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="The counter saw the original of a requirement",
)
def case_requirement_shown(request: HttpRequest, case_id: int, code: str):
    case = _visible_case(request, case_id)
    try:
        row = requirement_mark_shown(actor=request.auth, case=case, code=code[:60])
    except CaseError as exc:
        raise _api_error(exc) from exc
    return Status(200, {"code": row.code, "name": row.name, "status": row.status})


@router.get(
    "/{int:case_id}/attachments",
    response={200: list[AttachmentOut], 404: ErrorOut},
    summary="Files of a case",
)
def case_attachments(request: HttpRequest, case_id: int):
    case = _visible_case(request, case_id)
    return Status(200, [_attachment_out(a) for a in case.attachments.all()])


@router.post(
    "/{int:case_id}/attachments",
    response={
        201: list[AttachmentOut],
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        413: ErrorOut,
        422: ErrorOut,
    },
    summary="Add files (PDF, JPEG, PNG) to an open case; `requirements[i]` names the "
    "requirement `files[i]` satisfies",
)
def case_attachments_add(
    request: HttpRequest,
    case_id: int,
    files: File[list[UploadedFile]],
    requirements: Form[list[str]] = None,
):
    case = _visible_case(request, case_id)
    try:
        rows = case_attach(
            actor=request.auth, case=case, uploads=_uploads(files, requirements or [])
        )
    except CaseError as exc:
        raise _api_error(exc) from exc
    return Status(201, [_attachment_out(a) for a in rows])


@router.get(
    "/{int:case_id}/attachments/{int:attachment_id}",
    response={200: None, 404: ErrorOut},
    summary="Download one file of a case",
)
def case_attachment_file(request: HttpRequest, case_id: int, attachment_id: int):
    case = _visible_case(request, case_id)
    row = case.attachments.filter(pk=attachment_id).first()
    if row is None or not attachment_path(row).exists():
        raise ApiError(404, "not_found", "Lampiran tidak ditemukan.")
    return attachment_response(row, viewer=request.auth)


@router.post(
    "/{int:case_id}/actions/multipart",
    response={
        200: CaseOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        413: ErrorOut,
        422: ErrorOut,
    },
    summary="Take one workflow action with files (a report the action requires, "
    "corrected scans on resubmission)",
)
def case_action_multipart(
    request: HttpRequest,
    case_id: int,
    action: Form[str],
    files: File[list[UploadedFile]] = None,
    requirements: Form[list[str]] = None,
    comment: Form[str] = "",
    reason_code: Form[str] = "",
):
    case = _visible_case(request, case_id)
    payload = _act_in(action=action, comment=comment, reason_code=reason_code or None)
    try:
        case = case_act(
            actor=request.auth,
            case=case,
            action=payload.action,
            comment=payload.comment,
            reason_code=payload.reason_code,
            attachments=_uploads(files, requirements or []),
        )
    except CaseError as exc:
        raise _api_error(exc) from exc
    return Status(200, _case_out(case_get(viewer=request.auth, pk=case.pk) or case, request.auth))


def _act_in(**fields: Any) -> ActIn:
    try:
        return ActIn(**fields)
    except PydanticValidationError as exc:
        raise ApiError(
            422, "invalid_input", "Data yang dikirim tidak valid.", json.loads(exc.json())
        ) from exc
