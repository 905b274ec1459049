"""Changes to the population register (minimal: recording a full-record read)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from balai.audit.services import audit_record
from balai.people.models import Resident


def resident_open_full_record(*, viewer: Any, resident: Resident) -> None:
    """UU 27/2022: every read of a full record is recorded (who saw what, when)."""
    with transaction.atomic():
        audit_record(
            actor=viewer,
            action="people.resident_viewed",
            obj=resident,
            region_code=resident.village_id,
        )
