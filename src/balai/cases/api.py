"""The cases API: intake (honours Idempotency-Key), inbox, one case, actions, public tracking.

Errors are {"code", "message"}: a stable English code, a message in Bahasa Indonesia.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from balai.cases.choices import Channel
from balai.cases.errors import CaseError
from balai.cases.models import Case
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
from balai.catalog.models import Service, ServicePoint
from balai.core.api_errors import ApiError
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
        beneficiary, _ = _resident(payload.beneficiary_nik, request.auth)
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
        )
    except CaseError as exc:
        if exc.status == 403 and outside:
            raise ApiError(
                404, "resident_not_found", "Penduduk dengan NIK ini tidak ditemukan."
            ) from exc
        raise _api_error(exc) from exc
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
