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
