"""Reads for the PIN counter page."""

from __future__ import annotations

import re
from typing import Any

from balai.accounts.permissions import can
from balai.citizens.models import CitizenPin
from balai.people.models import Resident


def pin_resident(*, viewer: Any, nik: str) -> Resident | None:
    """The resident with this NIK whose PIN the viewer may set, if any (none out of scope)."""
    if not re.fullmatch(r"[0-9]{16}", nik or ""):
        return None
    for resident in Resident.objects.filter(nik=nik).select_related("village")[:10]:
        if can(viewer, "citizens.set_pin", resident):
            return resident
    return None


def pin_state(resident: Resident) -> CitizenPin | None:
    return CitizenPin.objects.filter(resident=resident).first()


def online_services() -> list[Any]:
    """Published services whose standard offers them online, by name."""
    from balai.catalog.selectors import services_published

    # The channel list is a small JSON array per version; filtering it in Python keeps one
    # query on both databases (SQLite has no JSON containment lookup).
    return [
        s
        for s in services_published().order_by("name")
        if "online" in (s.published_version.channels or [])
    ]


def citizen_cases(resident: Resident) -> list[Any]:
    """The cases a signed-in citizen filed or benefits from, newest first."""
    from balai.cases.selectors import case_list_visible

    return list(
        case_list_visible(viewer=resident).select_related("service").order_by("-submitted_at")[:50]
    )
