"""Changing survey state: inviting a respondent and recording a response. Each call is one
transaction that writes its own audit event."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.accounts.permissions import can
from balai.audit.services import audit_record
from balai.feedback.choices import (
    INVITATION_DAYS,
    RESPONDENT_AGE_MAX,
    RESPONDENT_AGE_MIN,
    RespondentEducation,
    RespondentOccupation,
    RespondentSex,
    SurveyChannel,
)
from balai.feedback.errors import FeedbackError
from balai.feedback.ikm import ELEMENT_CODES, RowIssue, respondent_validate
from balai.feedback.models import SurveyInvitation, SurveyResponse

COMMENT_MAX = 2000


@dataclass(frozen=True)
class SurveyAnswers:
    """What a respondent fills in, raw as a form or the API sends it."""

    scores: dict[str, Any]
    age: Any
    sex: str
    education: str
    occupation: str
    comment: str = ""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _served_context(
    *, service: Any, case: Any, service_point: Any, ticket: Any, channel: str
) -> dict[str, Any]:
    """Where the service was given, taken from the case when there is one."""
    if channel not in SurveyChannel.values:
        raise FeedbackError(422, "invalid_channel", _("Kanal survei tidak dikenal."))
    if case is not None:
        service = case.service
        service_point = service_point or case.service_point
    if ticket is not None:
        service = service or ticket.service
        service_point = ticket.service_point
    if service is None:
        raise FeedbackError(422, "service_required", _("Layanan yang dinilai harus dipilih."))
    agency = service.agency
    if service_point is not None:
        region_code = service_point.region_id
    elif agency is not None:
        region_code = agency.region_id
    elif case is not None:
        # A village letter is served by the applicant's own village office.
        region_code = case.applicant.village_id
    else:
        region_code = service.region_id or ""
    if region_code.count(".") < 1:
        raise FeedbackError(422, "region_unknown", _("Wilayah layanan tidak diketahui."))
    return {
        "regency_code": ".".join(region_code.split(".")[:2]),
        "region_code": region_code,
        "service": service,
        "agency": agency,
        "service_point": service_point,
        "case": case,
        "ticket": ticket,
        "channel": channel,
    }


def survey_invite(
    *,
    actor: Any,
    channel: str,
    service: Any = None,
    case: Any = None,
    service_point: Any = None,
    ticket: Any = None,
    now: datetime | None = None,
) -> tuple[SurveyInvitation, str]:
    """A single-use link token for the citizen just served; the token is returned only here."""
    now = now or timezone.now()
    context = _served_context(
        service=service,
        case=case,
        service_point=service_point,
        ticket=ticket,
        channel=channel,
    )
    token = secrets.token_urlsafe(24)
    invitation = SurveyInvitation(
        **context,
        token_hash=token_hash(token),
        created_at=now,
        expires_at=now + timedelta(days=INVITATION_DAYS),
    )
    if not can(actor, "feedback.invite", invitation):
        raise FeedbackError(403, "forbidden", _("Anda tidak berwenang mengirim survei ini."))
    if (case is not None and SurveyResponse.objects.filter(case=case).exists()) or (
        ticket is not None and SurveyResponse.objects.filter(ticket=ticket).exists()
    ):
        raise FeedbackError(409, "already_answered", _("Layanan ini sudah dinilai."))
    with transaction.atomic():
        invitation.save(force_insert=True)
        audit_record(
            actor=actor,
            action="feedback.survey_invite",
            obj=invitation,
            region_code=invitation.region_code,
            after={
                "service": invitation.service_id,
                "case": invitation.case_id,
                "channel": channel,
            },
        )
    return invitation, token


def invitation_open(*, token: str, now: datetime | None = None) -> SurveyInvitation:
    """The invitation a link carries, if it may still be answered."""
    now = now or timezone.now()
    invitation = (
        SurveyInvitation.objects.select_related("service", "agency", "service_point")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if invitation is None:
        raise FeedbackError(404, "invitation_not_found", _("Tautan survei tidak dikenal."))
    if invitation.used_at is not None:
        raise FeedbackError(409, "invitation_used", _("Survei ini sudah diisi. Terima kasih."))
    if invitation.expires_at <= now:
        raise FeedbackError(410, "invitation_expired", _("Tautan survei sudah kedaluwarsa."))
    return invitation


def _choice(value: str, choices: Any, code: str, message: Any) -> list[RowIssue]:
    return (
        [] if value in choices.values else [RowIssue(code, message, code.removeprefix("invalid_"))]
    )


def answers_validate(
    *, answers: SurveyAnswers
) -> tuple[tuple[int, ...] | None, int | None, list[RowIssue]]:
    """The nine scores and the age, checked with the respondent data the regulation asks for."""
    scores, issues = respondent_validate(scores=answers.scores)
    age: int | None = None
    text = str(answers.age).strip() if answers.age is not None else ""
    if text.isascii() and text.isdigit() and RESPONDENT_AGE_MIN <= int(text) <= RESPONDENT_AGE_MAX:
        age = int(text)
    else:
        issues.append(
            RowIssue(
                "invalid_age",
                _("Umur harus bilangan bulat %(min)d sampai %(max)d.")
                % {"min": RESPONDENT_AGE_MIN, "max": RESPONDENT_AGE_MAX},
                "age",
            )
        )
    issues += _choice(answers.sex, RespondentSex, "invalid_sex", _("Pilih jenis kelamin."))
    issues += _choice(
        answers.education, RespondentEducation, "invalid_education", _("Pilih pendidikan terakhir.")
    )
    issues += _choice(
        answers.occupation, RespondentOccupation, "invalid_occupation", _("Pilih pekerjaan.")
    )
    if len(answers.comment or "") > COMMENT_MAX:
        issues.append(
            RowIssue(
                "comment_too_long",
                _("Saran terlalu panjang (paling banyak 2000 huruf)."),
                "comment",
            )
        )
    return (scores if not issues else None), age, issues


def _refuse(issues: list[RowIssue]) -> FeedbackError:
    return FeedbackError(
        422,
        "invalid_answers",
        _("Jawaban survei belum lengkap atau tidak valid."),
        [i.as_dict() for i in issues],
    )


def survey_submit(
    *,
    answers: SurveyAnswers,
    token: str | None = None,
    actor: Any = None,
    channel: str = "",
    service: Any = None,
    case: Any = None,
    service_point: Any = None,
    ticket: Any = None,
    now: datetime | None = None,
) -> SurveyResponse:
    """Record one response: through an invitation's token, or at a kiosk or web page for a
    service just used. The respondent stays anonymous; only the profile is kept."""
    now = now or timezone.now()
    scores, age, issues = answers_validate(answers=answers)
    if issues:
        raise _refuse(issues)
    with transaction.atomic():
        invitation = None
        if token is not None:
            invitation = invitation_open(token=token, now=now)
            # Lock the invitation so two submissions of one link cannot both pass.
            invitation = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
            if invitation.used_at is not None:
                raise FeedbackError(
                    409, "invitation_used", _("Survei ini sudah diisi. Terima kasih.")
                )
            context = {f: getattr(invitation, f) for f in _CONTEXT_FIELDS}
        else:
            context = _served_context(
                service=service,
                case=case,
                service_point=service_point,
                ticket=ticket,
                channel=channel,
            )
        response = SurveyResponse(
            **context,
            invitation=invitation,
            **dict(zip(ELEMENT_CODES, scores, strict=True)),
            age=age,
            sex=answers.sex,
            education=answers.education,
            occupation=answers.occupation,
            comment=(answers.comment or "").strip(),
            submitted_at=now,
        )
        try:
            with transaction.atomic():
                response.save(force_insert=True)
        except IntegrityError:
            raise FeedbackError(409, "already_answered", _("Layanan ini sudah dinilai.")) from None
        if invitation is not None:
            invitation.used_at = now
            invitation.save(update_fields=["used_at"])
        audit_record(
            actor=actor,
            action="feedback.survey_submit",
            obj=response,
            region_code=response.region_code,
            after={
                "service": response.service_id,
                "case": response.case_id,
                "channel": response.channel,
                "scores": list(scores),
            },
        )
    return response


_CONTEXT_FIELDS = (
    "regency_code",
    "region_code",
    "service",
    "agency",
    "service_point",
    "case",
    "ticket",
    "channel",
)


def survey_invite_on_issue(*, case: Any, now: datetime | None = None) -> str | None:
    """The survey token sent with the "issued" message of a case; None if there is none to send.

    The workflow issues the case, not a front desk, so no `feedback.invite` check applies; the
    invitation is audited as the system's. Already answered, or no office to score: None.
    """
    now = now or timezone.now()
    if SurveyResponse.objects.filter(case=case).exists():
        return None
    try:
        context = _served_context(
            service=None, case=case, service_point=None, ticket=None, channel=SurveyChannel.WHATSAPP
        )
    except FeedbackError:
        return None
    token = secrets.token_urlsafe(24)
    invitation = SurveyInvitation.objects.create(
        **context,
        token_hash=token_hash(token),
        created_at=now,
        expires_at=now + timedelta(days=INVITATION_DAYS),
    )
    audit_record(
        actor=None,
        action="feedback.survey_invite",
        obj=invitation,
        region_code=invitation.region_code,
        after={"service": invitation.service_id, "case": case.pk, "channel": "whatsapp"},
    )
    return token
