"""What the applicant and the supervisor are told when a case changes, through the outbox.

Called inside the transaction of the change (cases/services.py, cases/escalation.py), so a
message is queued if and only if the change is committed. Messages carry the service, the
tracking code, the stage and the public tracking link: never a NIK, a name or an address.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from balai.accounts.models import StaffRole
from balai.cases.choices import REJECTION_REASONS, SUBMIT_ACTION, CaseStatus
from balai.cases.models import Case
from balai.cases.public import office_text
from balai.cases.selectors import case_state_name
from balai.cases.tracking import tracking_code_display
from balai.notifications.choices import NotifyChannel
from balai.notifications.services import notify
from balai.workflow.choices import Office


def tracking_link(case: Case) -> str:
    return f"{settings.PUBLIC_BASE_URL}{reverse('cases:track')}?kode={case.tracking_code}"


def _template_for(case: Case, action: str) -> str:
    if action == SUBMIT_ACTION:
        return "case_submitted"
    return {
        CaseStatus.NEEDS_CORRECTION: "case_returned",
        CaseStatus.REJECTED: "case_rejected",
        CaseStatus.ISSUED: "case_issued",
        CaseStatus.CANCELLED: "case_cancelled",
    }.get(case.status, "case_progress")


def case_notice(*, case: Case, action: str, reason_code: str = "") -> None:
    """One message to the applicant's registered phone for this change (WhatsApp, then SMS)."""
    from balai.feedback.services import survey_invite_on_issue

    template = _template_for(case, action)
    context: dict[str, Any] = {
        "service": case.service.name,
        "code": tracking_code_display(case.tracking_code),
        "stage": case_state_name(case),
        "link": tracking_link(case),
        "reason": str(REJECTION_REASONS.get(reason_code, REJECTION_REASONS["other"])),
    }
    if template == "case_issued":
        # The survey link rides on the "issued" message: one message per change.
        token = survey_invite_on_issue(case=case)
        if token:
            template = "case_issued_survey"
            survey = reverse("feedback:survey", args=[token])
            context["survey"] = f"{settings.PUBLIC_BASE_URL}{survey}"
    notify(
        template=template,
        context=context,
        regency_code=case.regency_code,
        channel=NotifyChannel.WHATSAPP,
        resident=case.applicant,
        obj=case,
    )


def _supervisors(case: Case, supervisor_role: str) -> list[Any]:
    office = Office.AGENCY if case.office_agency_id else None
    rows = StaffRole.objects.filter(role=supervisor_role, user__is_active=True)
    if office == Office.AGENCY:
        rows = rows.filter(agency_id=case.office_agency_id)
    elif case.office_region_code:
        rows = rows.filter(region_id=case.office_region_code)
    else:
        return []
    return [row.user for row in rows.select_related("user").order_by("user_id")]


def case_escalation_notice(*, case: Case, supervisor_role: str) -> int:
    """An e-mail to each supervisor holding the office of an overdue case; returns how many."""
    if not supervisor_role:
        return 0
    due = timezone.localtime(case.due_at).strftime("%d-%m-%Y %H:%M") if case.due_at else "-"
    link = f"{settings.PUBLIC_BASE_URL}{reverse('cases:detail', args=[case.pk])}"
    sent = 0
    for user in _supervisors(case, supervisor_role):
        queued = notify(
            template="case_escalated",
            context={
                "code": tracking_code_display(case.tracking_code),
                "service": case.service.name,
                "due": due,
                "office": office_text(case),
                "link": link,
            },
            regency_code=case.regency_code,
            channel=NotifyChannel.EMAIL,
            user=user,
            obj=case,
        )
        sent += queued is not None
    return sent
