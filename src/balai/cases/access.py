"""Who may file a case, and with which role an actor may take a workflow action on one.

Role AND scope, both through accounts.permissions: the permission strings (cases.submit,
cases.act, cases.view) come from the role table; the scope of the assignment granting them
must hold the case's office (village, district or agency). A workflow action then names the
roles that may take it, so the role of the *matching* assignment is what counts.
"""

from __future__ import annotations

from typing import Any

from balai.accounts.permissions import can, granting
from balai.cases.choices import SELF_SERVICE_CHANNELS, Channel
from balai.people.models import Resident
from balai.regions.models import in_subtree
from balai.workflow.choices import CITIZEN
from balai.workflow.engine import Action

CITIZEN_ROLE = CITIZEN


def is_citizen(actor: Any) -> bool:
    return isinstance(actor, Resident)


def case_may_submit(
    *, actor: Any, applicant: Resident, service: Any, service_point: Any, channel: str
) -> bool:
    """A citizen files for themself online or at a kiosk; staff file where their scope is.

    Staff scope: the applicant's village or district, the service point they serve at, or the
    agency that provides the service.
    """
    if is_citizen(actor):
        return actor.pk == applicant.pk and channel in SELF_SERVICE_CHANNELS
    if can(actor, "cases.submit", applicant):
        return True
    if service_point is not None and serves_at(actor, service_point):
        return True
    # An agency's own officers file its services for anyone (the MPP back office).
    return service.agency_id is not None and any(
        a.agency_id == service.agency_id for a in granting(actor, "cases.submit")
    )


def serves_at(actor: Any, service_point: Any) -> bool:
    """Counter staff (scoped to a service point) file for anyone who comes to their counter.

    Region-scoped staff do not: a village office files for the village's own residents.
    """
    return any(a.service_point_id == service_point.pk for a in granting(actor, "cases.submit"))


def _holds_office(assignment: Any, case: Any) -> bool:
    """Does this assignment's scope hold the office the case sits in now?"""
    if assignment.region_id is not None:
        return in_subtree(case.office_region_code, assignment.region_id)
    if assignment.agency_id is not None:
        return assignment.agency_id == case.office_agency_id
    if assignment.service_point_id is not None:
        # The MPP counter acts (accepts, returns) on agency cases filed at its own counter.
        return bool(case.office_agency_id) and case.service_point_id == assignment.service_point_id
    return False


def acting_roles(actor: Any, case: Any) -> frozenset[str]:
    """The staff roles `actor` holds over the office that holds `case` now."""
    if is_citizen(actor):
        return frozenset()
    return frozenset(a.role for a in granting(actor, "cases.act") if _holds_office(a, case))


def case_acting_role(*, actor: Any, case: Any, step: Action) -> str | None:
    """The role `actor` takes `step` with on `case`, or None when refused."""
    if CITIZEN_ROLE in step.roles:
        # The citizen acts, or the counter acts on their behalf (the case records who).
        if is_citizen(actor) and actor.pk == case.applicant_id:
            return CITIZEN_ROLE
        if not is_citizen(actor) and case_may_submit(
            actor=actor,
            applicant=case.applicant,
            service=case.service,
            service_point=case.service_point,
            channel=case.channel,
        ):
            return CITIZEN_ROLE
    roles = acting_roles(actor, case) & step.roles
    return min(roles) if roles else None


def case_staff_roles(actor: Any, case: Any) -> frozenset[str]:
    """Staff roles `actor` holds towards `case`: over the office holding it, or as the front
    desk that may file for its applicant (the counter the citizen comes back to)."""
    if is_citizen(actor):
        return frozenset()
    roles = set(acting_roles(actor, case))
    for a in granting(actor, "cases.submit"):
        if (
            (a.service_point_id is not None and a.service_point_id == case.service_point_id)
            or (a.region_id is not None and in_subtree(case.applicant.village_id, a.region_id))
            or (a.agency_id is not None and a.agency_id == case.service.agency_id)
        ):
            roles.add(a.role)
    return frozenset(roles)


def case_may_view(*, viewer: Any, case: Any) -> bool:
    if is_citizen(viewer):
        return viewer.pk in (case.applicant_id, case.beneficiary_id)
    if can(viewer, "cases.view", case):
        return True
    # The counter where a case was filed follows it wherever it is held (the citizen comes
    # back there), and so does the village front desk for its own residents' cases.
    if case.service_point_id is not None and serves_at(viewer, case.service_point):
        return True
    return case.channel == Channel.VILLAGE_COUNTER and can(viewer, "cases.submit", case.applicant)
