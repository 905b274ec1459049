"""Complaints (pengaduan): intake from every channel, routing, answers and escalation.

Each call is one transaction writing its own audit event. Routing follows the office that owns
what the complaint is about: the chosen service's agency, else the chosen agency, else the
chosen village (DESIGN.md: "routing follows the applicant's village and district").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.accounts.permissions import can
from balai.audit.services import audit_record
from balai.cases.sla import add_working_days, work_calendar
from balai.cases.tracking import tracking_code_new
from balai.feedback.choices import (
    COMPLAINT_ANSWER_DAYS,
    OPEN_COMPLAINT_STATUSES,
    OVERSIGHT_CATEGORIES,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintStatus,
)
from balai.feedback.errors import FeedbackError
from balai.feedback.models import Complaint
from balai.regions.models import Region

TEXT_MIN = 10
TEXT_MAX = 4000
MANAGE_PERM = "feedback.handle_complaint"
# The inspectorate's: only complaints about an office's own conduct.
OVERSEE_PERM = "feedback.oversee_complaint"


@dataclass(frozen=True)
class ComplaintIn:
    channel: str
    category: str
    text: str
    anonymous: bool = False
    name: str = ""
    contact: str = ""
    service: Any = None
    agency: Any = None
    # Any region code: a village chosen on the form, or the regency for triage.
    region_code: str = ""
    publish_consent: bool = False
    # The provider's message id on webhook channels: the same id again is the same complaint.
    source_message_id: str = ""


def _issues(data: ComplaintIn) -> list[dict[str, str]]:
    issues = []
    if data.channel not in ComplaintChannel.values:
        issues.append(
            {
                "code": "invalid_channel",
                "field": "channel",
                "message": str(_("Kanal pengaduan tidak dikenal.")),
            }
        )
    if data.category not in ComplaintCategory.values:
        issues.append(
            {
                "code": "invalid_category",
                "field": "category",
                "message": str(_("Pilih kategori pengaduan.")),
            }
        )
    if not TEXT_MIN <= len(data.text.strip()) <= TEXT_MAX:
        issues.append(
            {
                "code": "invalid_text",
                "field": "text",
                "message": str(_("Isi pengaduan 10 sampai 4000 huruf.")),
            }
        )
    if not data.anonymous and not data.contact.strip():
        issues.append(
            {
                "code": "contact_required",
                "field": "contact",
                "message": str(_("Isi nomor HP atau surel, atau pilih anonim.")),
            }
        )
    return issues


def _route(data: ComplaintIn) -> tuple[str, Any]:
    """The responsible office: (region code, agency or None)."""
    agency = data.service.agency if data.service is not None else data.agency
    if agency is not None:
        return agency.region_id, agency
    if data.region_code:
        region = Region.objects.filter(code=data.region_code).first()
        if region is not None:
            return region.code, None
    if data.service is not None and data.service.region_id:
        return data.service.region_id, None
    raise FeedbackError(
        422,
        "office_unknown",
        _("Pilih layanan, instansi, atau desa/kelurahan yang diadukan."),
        [
            {
                "code": "office_unknown",
                "field": "village_code",
                "message": str(_("Pilih layanan, instansi, atau desa/kelurahan yang diadukan.")),
            }
        ],
    )


def _route_above(region_code: str, agency: Any) -> str:
    """The office above the one complained about: the kecamatan over a village, the regency
    over a kecamatan or an agency (where the inspectorate and the regency's admin read it)."""
    if agency is not None:
        return ".".join((agency.region_id or region_code).split(".")[:2])
    parent = Region.objects.filter(code=region_code).values_list("parent_id", flat=True).first()
    return parent or region_code


def _already_received(data: ComplaintIn) -> Complaint | None:
    if not data.source_message_id:
        return None
    complaint = Complaint.objects.filter(
        channel=data.channel, source_message_id=data.source_message_id
    ).first()
    if complaint is not None:
        complaint.replayed = True
    return complaint


def complaint_submit(
    *, data: ComplaintIn, actor: Any = None, now: datetime | None = None
) -> Complaint:
    """Receive one complaint from any channel; `actor` is the counter officer typing it in."""
    now = now or timezone.now()
    issues = _issues(data)
    if issues:
        raise FeedbackError(422, "invalid_complaint", _("Pengaduan belum lengkap."), issues)
    already = _already_received(data)
    if already is not None:
        return already
    region_code, agency = _route(data)
    subject_region, subject_agency = "", None
    oversight = data.category in OVERSIGHT_CATEGORIES
    if oversight:
        subject_region, subject_agency = region_code, agency
        region_code, agency = _route_above(region_code, agency), None
    # "5 hari kerja": the answer deadline counts the handling office's working days.
    due_at = add_working_days(now, COMPLAINT_ANSWER_DAYS, work_calendar(region_code=region_code))
    for _attempt in range(5):
        complaint = Complaint(
            regency_code=".".join(region_code.split(".")[:2]),
            tracking_code=tracking_code_new(),
            channel=data.channel,
            category=data.category,
            text=data.text.strip(),
            anonymous=data.anonymous,
            name="" if data.anonymous else data.name.strip(),
            contact="" if data.anonymous else data.contact.strip(),
            region_code=region_code,
            service=data.service,
            agency=agency,
            oversight=oversight,
            subject_region_code=subject_region,
            subject_agency=subject_agency,
            status=ComplaintStatus.RECEIVED,
            submitted_at=now,
            due_at=due_at,
            publish_consent=data.publish_consent,
            source_message_id=data.source_message_id,
        )
        complaint.replayed = False
        try:
            with transaction.atomic():
                complaint.save(force_insert=True)
                audit_record(
                    actor=actor,
                    action="feedback.complaint_submit",
                    obj=complaint,
                    region_code=complaint.region_code,
                    after={
                        "channel": complaint.channel,
                        "category": complaint.category,
                        "agency": complaint.agency_id,
                        "anonymous": complaint.anonymous,
                    },
                )
            return complaint
        except IntegrityError:
            # The same message delivered twice at once, or a tracking code collision (draw
            # another).
            already = _already_received(data)
            if already is not None:
                return already
            continue
    raise FeedbackError(503, "try_again", _("Silakan coba lagi."))


def _locked(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


def complaint_may_handle(actor: Any, complaint: Complaint) -> bool:
    if can(actor, MANAGE_PERM, complaint):
        return True
    return complaint.oversight and can(actor, OVERSEE_PERM, complaint)


def _check(actor: Any, complaint: Complaint) -> None:
    if not complaint_may_handle(actor, complaint):
        # 404, not 403: a complaint outside one's office is not confirmed to exist.
        raise FeedbackError(404, "not_found", _("Pengaduan tidak ditemukan."))


def complaint_answer(
    *, actor: Any, complaint: Complaint, answer: str, now: datetime | None = None
) -> Complaint:
    """The office's answer; published afterwards only if the complainant agreed."""
    now = now or timezone.now()
    _check(actor, complaint)
    if not TEXT_MIN <= len(answer.strip()) <= TEXT_MAX:
        raise FeedbackError(422, "invalid_answer", _("Jawaban 10 sampai 4000 huruf."))
    with transaction.atomic():
        complaint = _locked(complaint)
        if complaint.status == ComplaintStatus.CLOSED:
            raise FeedbackError(409, "complaint_closed", _("Pengaduan sudah ditutup."))
        before = {"status": complaint.status, "answer": complaint.answer}
        complaint.answer = answer.strip()
        complaint.answered_at = now
        complaint.answered_by = actor
        complaint.status = ComplaintStatus.ANSWERED
        complaint.save(update_fields=["answer", "answered_at", "answered_by", "status"])
        audit_record(
            actor=actor,
            action="feedback.complaint_answer",
            obj=complaint,
            region_code=complaint.region_code,
            before=before,
            after={"status": complaint.status, "answer": complaint.answer},
        )
    return complaint


def complaint_set_status(
    *, actor: Any, complaint: Complaint, status: str, now: datetime | None = None
) -> Complaint:
    """Take a complaint in hand (in progress) or close an answered one."""
    now = now or timezone.now()
    _check(actor, complaint)
    allowed = {
        ComplaintStatus.IN_PROGRESS: {ComplaintStatus.RECEIVED},
        ComplaintStatus.CLOSED: {ComplaintStatus.ANSWERED},
    }
    with transaction.atomic():
        complaint = _locked(complaint)
        if complaint.status not in allowed.get(status, set()):
            raise FeedbackError(
                409, "invalid_transition", _("Status pengaduan tidak dapat diubah.")
            )
        before = complaint.status
        complaint.status = status
        fields = ["status"]
        if status == ComplaintStatus.CLOSED:
            complaint.closed_at = now
            fields.append("closed_at")
        complaint.save(update_fields=fields)
        audit_record(
            actor=actor,
            action="feedback.complaint_status",
            obj=complaint,
            region_code=complaint.region_code,
            before={"status": before},
            after={"status": status},
        )
    return complaint


def complaints_escalate(*, now: datetime | None = None) -> int:
    """Mark every open complaint past its due time as escalated (once), so the supervising
    office (camat over the village, the regency over an agency) sees it first."""
    now = now or timezone.now()
    count = 0
    overdue = Complaint.objects.filter(
        status__in=OPEN_COMPLAINT_STATUSES, due_at__lte=now, escalated_at__isnull=True
    ).values_list("pk", flat=True)
    for pk in list(overdue.iterator()):
        with transaction.atomic():
            complaint = Complaint.objects.select_for_update().get(pk=pk)
            if (
                complaint.escalated_at is not None
                or complaint.status not in OPEN_COMPLAINT_STATUSES
            ):
                continue
            complaint.escalated_at = now
            complaint.save(update_fields=["escalated_at"])
            audit_record(
                actor=None,
                action="feedback.complaint_escalate",
                obj=complaint,
                region_code=complaint.region_code,
                after={"due_at": complaint.due_at, "status": complaint.status},
            )
            count += 1
    return count
