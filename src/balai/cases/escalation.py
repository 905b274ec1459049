"""Overdue cases go up to the supervisor of the office holding them.

The SLA is a promise in the published standard (UU 25/2009 art. 21 huruf c); when it is broken
the head of the office answers for it: the kepala desa for a village office, the camat for a
kecamatan, the agency's officers for an agency. Run by `balai cases-escalate` (a thin command,
scheduled every few minutes); each case is raised once, with its own action and audit event.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from balai.accounts.roles import Role
from balai.audit.services import audit_record
from balai.cases.choices import CLOSED_STATUSES
from balai.cases.flow import case_workflow
from balai.cases.models import Case, CaseAction
from balai.cases.notices import case_escalation_notice
from balai.workflow.choices import Office

ESCALATE_ACTION = "escalate"
SYSTEM_ROLE = "system"
SUPERVISOR_ROLE = {
    Office.APPLICANT_VILLAGE: Role.KEPALA_DESA,
    Office.APPLICANT_DISTRICT: Role.CAMAT,
    Office.AGENCY: Role.PETUGAS_INSTANSI,
}


def _overdue(now: dt.datetime):
    # Paused cases wait on the citizen: their clock is stopped, so they are never overdue.
    return Case.objects.filter(
        due_at__lt=now, sla_paused_at__isnull=True, escalated_at__isnull=True
    ).exclude(status__in=CLOSED_STATUSES)


def case_escalate(*, case_id: int, now: dt.datetime) -> bool:
    """Raise one overdue case to its office's supervisor; False if it no longer qualifies."""
    with transaction.atomic():
        case = _overdue(now).select_for_update(of=("self",)).filter(pk=case_id).first()
        if case is None:
            return False
        office = case_workflow(case.workflow_definition).state(case.state).office
        supervisor = SUPERVISOR_ROLE.get(office, "")
        case.escalated_at = now
        case.save(update_fields=["escalated_at", "updated_at"])
        CaseAction.objects.create(
            case=case,
            action=ESCALATE_ACTION,
            from_state=case.state,
            to_state=case.state,
            role=SYSTEM_ROLE,
            comment=f"supervisor:{supervisor}" if supervisor else "",
            at=now,
        )
        audit_record(
            actor=None,
            action="cases.escalate",
            obj=case,
            region_code=case.office_region_code or case.register_data["applicant"]["village_code"],
            after={"due_at": case.due_at.isoformat(), "supervisor_role": supervisor},
        )
        case_escalation_notice(case=case, supervisor_role=supervisor)
    return True


def cases_escalate_overdue(*, now: dt.datetime | None = None, limit: int = 1000) -> int:
    """Escalate every overdue case once (at most `limit` per run); returns how many."""
    now = now or timezone.now()
    ids = list(_overdue(now).order_by("due_at").values_list("pk", flat=True)[:limit])
    return sum(case_escalate(case_id=pk, now=now) for pk in ids)
