"""The feedback API: answering a survey link, the IKM of what the caller may see, and the
inbound webhook that turns a WhatsApp/SMS message into a complaint.

Errors are {"code", "message"}: a stable English code, a message in Bahasa Indonesia.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from balai.accounts.permissions import has_perm_anywhere
from balai.core.api_errors import ApiError
from balai.feedback.choices import (
    ComplaintCategory,
    ComplaintChannel,
    RespondentEducation,
    RespondentOccupation,
    RespondentSex,
)
from balai.feedback.complaint_services import ComplaintIn, complaint_submit
from balai.feedback.errors import FeedbackError
from balai.feedback.inbound import SIGNATURE_HEADER, inbound_secret, signature_valid
from balai.feedback.selectors import VIEW_PERM, IkmFilters, ikm_report
from balai.feedback.services import SurveyAnswers, survey_submit

router = Router(tags=["feedback"])


class ErrorOut(Schema):
    code: str
    message: str
    details: Any = None


class SurveyIn(Schema):
    # Raw values: the service checks them and answers with a code per problem.
    scores: dict[str, Any] = Field(..., description="u1..u9, each an integer 1-4")
    age: int
    sex: RespondentSex
    education: RespondentEducation
    occupation: RespondentOccupation
    comment: str = Field("", max_length=2000)


class SurveyOut(Schema):
    id: int
    service: str
    submitted_at: dt.datetime


class IkmQuery(Schema):
    service: int | None = None
    agency: int | None = None
    service_point: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None


class IkmOut(Schema):
    respondents: int
    nrr: list[float] | None
    ikm: float | None
    ikm_converted: float | None
    grade: str | None


@router.post(
    "/surveys/{token}",
    auth=None,
    response={201: SurveyOut, 404: ErrorOut, 409: ErrorOut, 410: ErrorOut, 422: ErrorOut},
    summary="Answer the survey a WhatsApp or SMS link invites (the token is the only key)",
)
def survey_answer(request: HttpRequest, token: str, payload: SurveyIn):
    try:
        response = survey_submit(
            token=token,
            answers=SurveyAnswers(
                scores=payload.scores,
                age=payload.age,
                sex=payload.sex,
                education=payload.education,
                occupation=payload.occupation,
                comment=payload.comment,
            ),
        )
    except FeedbackError as exc:
        raise ApiError(exc.status, exc.code, exc.message, exc.details) from exc
    return Status(
        201,
        {
            "id": response.pk,
            "service": response.service.code,
            "submitted_at": response.submitted_at,
        },
    )


@router.get(
    "/ikm",
    response={200: IkmOut, 403: ErrorOut},
    summary="IKM (PermenPAN-RB 14/2017) of the responses the caller may see",
)
def ikm(request: HttpRequest, filters: Query[IkmQuery]):
    if not has_perm_anywhere(request.auth, VIEW_PERM):
        raise ApiError(403, "forbidden", "Anda tidak berwenang melihat IKM.")
    if filters.start and filters.end and filters.start > filters.end:
        raise ApiError(422, "invalid_period", "Tanggal awal harus sebelum tanggal akhir.")
    report = ikm_report(
        viewer=request.auth,
        filters=IkmFilters(
            service_id=filters.service,
            agency_id=filters.agency,
            service_point_id=filters.service_point,
            start=filters.start,
            end=filters.end,
        ),
    )
    if report.result is None:
        return {"respondents": 0, "nrr": None, "ikm": None, "ikm_converted": None, "grade": None}
    return report.result.as_dict()


class InboundIn(Schema):
    channel: str = Field(..., description="whatsapp or sms")
    sender: str = Field(..., max_length=40, description="the sender's number")
    text: str = Field(..., max_length=4000)
    anonymous: bool = False
    message_id: str = Field(
        "", max_length=100, description="the provider's message id; a retry with it files nothing"
    )


class InboundOut(Schema):
    tracking_code: str
    due_at: dt.datetime


@router.post(
    "/inbound",
    auth=None,
    response={200: InboundOut, 201: InboundOut, 401: ErrorOut, 422: ErrorOut, 503: ErrorOut},
    summary="Webhook of the WhatsApp/SMS provider: one message becomes one complaint",
    description="201 for a new complaint; 200 when `message_id` was received before.",
)
def inbound(request: HttpRequest, payload: InboundIn):
    secret = inbound_secret()
    if not secret:
        raise ApiError(503, "inbound_disabled", "Kanal pengaduan WhatsApp/SMS belum diatur.")
    if not signature_valid(
        body=request.body, header=request.headers.get(SIGNATURE_HEADER, ""), secret=secret
    ):
        raise ApiError(401, "bad_signature", "Tanda tangan pesan tidak sah.")
    if payload.channel not in (ComplaintChannel.WHATSAPP, ComplaintChannel.SMS):
        raise ApiError(422, "invalid_channel", "Kanal pengaduan tidak dikenal.")
    try:
        # A message names no office: it goes to the regency's desk, which routes it on.
        complaint = complaint_submit(
            data=ComplaintIn(
                channel=payload.channel,
                category=ComplaintCategory.OTHER,
                text=payload.text,
                anonymous=payload.anonymous,
                contact="" if payload.anonymous else payload.sender,
                region_code=settings.DEMO_REGENCY_CODE,
                source_message_id=payload.message_id.strip(),
            )
        )
    except FeedbackError as exc:
        raise ApiError(exc.status, exc.code, exc.message, exc.details) from exc
    return Status(
        200 if complaint.replayed else 201,
        {"tracking_code": complaint.tracking_code, "due_at": complaint.due_at},
    )
