"""Reading bills: always through the case, so only who may see the case sees its bill."""

from __future__ import annotations

from typing import Any

from balai.accounts.roles import ROLE_PERMISSIONS
from balai.cases.access import acting_roles, case_may_view, case_staff_roles
from balai.payments.choices import BillStatus
from balai.payments.models import Bill
from balai.payments.reference import reference_valid


def bill_for_case(*, viewer: Any, case: Any) -> Bill | None:
    if not case_may_view(viewer=viewer, case=case):
        return None
    return Bill.objects.select_related("payment", "waived_by").filter(case_id=case.pk).first()


def bill_by_reference(*, reference: str) -> Bill | None:
    """For the public check: a reference that fails its check digits is not looked up."""
    if not reference_valid(reference):
        return None
    return Bill.objects.select_related("case__service").filter(reference=reference).first()


def bill_may(*, viewer: Any, bill: Bill) -> dict[str, bool]:
    """Which buttons the viewer gets: take cash, waive (the services check again)."""
    if bill.status != BillStatus.OPEN:
        return {"collect": False, "waive": False}
    case = bill.case

    def holds(permission: str, roles: frozenset[str]) -> bool:
        return any(permission in ROLE_PERMISSIONS.get(r, ()) for r in roles)

    return {
        "collect": holds("payments.collect", case_staff_roles(viewer, case)),
        "waive": holds("payments.waive", acting_roles(viewer, case)),
    }
