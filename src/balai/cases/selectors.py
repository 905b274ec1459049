"""Reading cases. Every read takes the viewer and goes through accounts.permissions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from balai.accounts.permissions import granting, restrict
from balai.cases.access import case_may_view, is_citizen
from balai.cases.choices import CLOSED_STATUSES, CaseStatus
from balai.cases.flow import case_workflow
from balai.cases.models import Case
from balai.cases.tracking import tracking_code_normalise
from balai.regions.models import subtree_q
from balai.workflow.engine import Workflow


def case_list_visible(*, viewer: Any) -> QuerySet[Case]:
    """Cases the viewer may see: held by an office in their scope, or filed at their counter."""
    if is_citizen(viewer):
        return Case.objects.filter(Q(applicant=viewer) | Q(beneficiary=viewer))
    return restrict(viewer, "cases.view", Case.objects.all())


def case_get(*, viewer: Any, pk: int) -> Case | None:
    """One case with what its pages show, or None when absent or out of the viewer's sight."""
    case = (
        Case.objects.select_related(
            "service", "applicant", "beneficiary", "service_point", "office_agency"
        )
        .filter(pk=pk)
        .first()
    )
    return case if case is not None and case_may_view(viewer=viewer, case=case) else None


def _office_q(assignment: Any) -> Q | None:
    """Cases held by an office this assignment's scope holds (mirrors access._holds_office)."""
    if assignment.region_id is not None:
        return subtree_q("office_region_code", assignment.region_id)
    if assignment.agency_id is not None:
        return Q(office_agency_id=assignment.agency_id)
    if assignment.service_point_id is not None:
        return Q(service_point_id=assignment.service_point_id, office_agency__isnull=False)
    return None


def _workflows_in(queryset: QuerySet[Case]) -> dict[tuple[str, int], Workflow]:
    """The workflow snapshots the open cases use: a handful, whatever the number of cases."""
    # No ORDER BY: the model's default ordering would join the DISTINCT (one row per
    # submission time) and make PostgreSQL sort every case of a workflow to pick one.
    pairs = set(queryset.order_by().values_list("workflow_code", "workflow_version").distinct())
    found: dict[tuple[str, int], Workflow] = {}
    for code, version in pairs:
        definitions = list(
            queryset.filter(workflow_code=code, workflow_version=version)
            .order_by()
            .values_list("workflow_definition", flat=True)[:1]
        )
        # Its last open case may have closed since the DISTINCT: nothing to show then.
        if definitions:
            found[(code, version)] = case_workflow(definitions[0])
    return found


@dataclass(frozen=True)
class InboxFilters:
    service: str | None = None  # service code
    state: str | None = None
    overdue: bool = False


def case_inbox(
    *, viewer: Any, filters: InboxFilters | None = None, now: dt.datetime | None = None
) -> QuerySet[Case]:
    """Open cases the viewer may act on now: in their scope, in a state their role acts in.

    Soonest due first. Roles come from the assignment whose scope holds the case, so a camat
    sees a village's cases only where the workflow gives the camat an action there.
    """
    filters = filters or InboxFilters()
    assignments = [a for a in granting(viewer, "cases.act") if _office_q(a) is not None]
    if not assignments:
        return Case.objects.none()
    open_cases = Case.objects.exclude(status__in=CLOSED_STATUSES)
    scope = Q()
    for a in assignments:
        scope |= _office_q(a)
    candidates = open_cases.filter(scope)
    where = Q(pk__in=[])
    for (code, version), workflow in _workflows_in(candidates).items():
        for a in assignments:
            states = [
                s.code
                for s in workflow.states
                if not s.terminal and workflow.available_actions(s.code, a.role)
            ]
            if states:
                where |= _office_q(a) & Q(
                    workflow_code=code, workflow_version=version, state__in=states
                )
    inbox = open_cases.filter(where)
    if filters.service:
        inbox = inbox.filter(service__code=filters.service)
    if filters.state:
        inbox = inbox.filter(state=filters.state)
    if filters.overdue:
        inbox = inbox.filter(due_at__lt=now or timezone.now(), sla_paused_at__isnull=True)
    return inbox.select_related("service", "applicant", "service_point", "office_agency").order_by(
        "due_at", "pk"
    )


def case_actions_for(*, viewer: Any, case: Case) -> list[Any]:
    """The workflow actions the viewer may take on `case` now (buttons on its page)."""
    from balai.cases.access import case_acting_role

    workflow = case_workflow(case.workflow_definition)
    return [
        step
        for step in workflow.outgoing(case.state)
        if case_acting_role(actor=viewer, case=case, step=step) is not None
    ]


def case_state_name(case: Case) -> str:
    return case_workflow(case.workflow_definition).state(case.state).name


def case_is_overdue(case: Case, *, now: dt.datetime | None = None) -> bool:
    return bool(
        case.due_at
        and case.closed_at is None
        and case.sla_paused_at is None
        and case.due_at < (now or timezone.now())
    )


@dataclass(frozen=True)
class PublicStatus:
    """What anyone holding the tracking code may see: no name, no NIK, no address."""

    tracking_code: str
    service_name: str
    status: str
    status_label: str
    stage: str
    next_step: str
    office: str
    submitted_at: dt.datetime
    due_at: dt.datetime | None
    closed_at: dt.datetime | None
    # The product is signed and ready; never which document, whose, or its number.
    document_ready: bool = False


def case_track(*, code: str) -> PublicStatus | None:
    """The public status of a case by its tracking code; None for a typo or unknown code."""
    from balai.cases.public import next_step_text, office_text
    from balai.documents.case_products import case_document_ready

    normalised = tracking_code_normalise(code)
    if normalised is None:
        return None
    case = (
        Case.objects.select_related("service", "office_agency")
        .filter(tracking_code=normalised)
        .first()
    )
    if case is None:
        return None
    workflow = case_workflow(case.workflow_definition)
    return PublicStatus(
        tracking_code=case.tracking_code,
        service_name=case.service.name,
        status=case.status,
        status_label=str(case.get_status_display()),
        stage=workflow.state(case.state).name,
        next_step=next_step_text(case, workflow),
        office=office_text(case),
        submitted_at=case.submitted_at,
        due_at=case.due_at,
        closed_at=case.closed_at,
        document_ready=case.status == CaseStatus.ISSUED and case_document_ready(case=case),
    )
