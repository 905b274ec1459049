"""Demo citizens who can sign in (a PIN set by their village operator, as at the counter) and
one registered kiosk at the village office, its token kept under var/demo/ to print."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from balai.accounts.models import User
from balai.catalog.choices import VILLAGE_OFFICE_PREFIX
from balai.catalog.models import ServicePoint
from balai.citizens.errors import CitizenAuthError
from balai.citizens.services import pin_set
from balai.kiosk.services import device_register
from balai.people.choices import ResidentStatus
from balai.people.models import Resident
from balai.regions.models import Region

PIN = "258369"  # the demo's published PIN, printed with the logins
CITIZENS = 3


@dataclass(frozen=True)
class DemoCitizen:
    nik: str
    name: str
    phone: str


def citizens_demo_create(*, village: Region, operator: str) -> list[DemoCitizen]:
    """Adults of `village` with a mobile number get the demo PIN, set by its operator."""
    actor = User.objects.get(username=operator)
    adult = timezone.localdate() - dt.timedelta(days=365 * 18)
    made: list[DemoCitizen] = []
    candidates = Resident.objects.filter(
        village_id=village.code, status=ResidentStatus.LIVING, birth_date__lte=adult
    ).exclude(phone="")
    for resident in candidates.order_by("nik")[:20]:
        try:
            pin_set(actor=actor, resident=resident, pin=PIN)
        except CitizenAuthError:
            continue  # the PIN matches this resident's birth date: take the next one
        made.append(DemoCitizen(resident.nik, resident.name, resident.phone))
        if len(made) == CITIZENS:
            break
    return made


def kiosk_token_file() -> Path:
    return Path(settings.VAR_DIR) / "demo" / "kiosk-token.txt"


def kiosk_demo_create(*, village: Region) -> tuple[ServicePoint, str] | None:
    point = ServicePoint.objects.filter(code=f"{VILLAGE_OFFICE_PREFIX}{village.code}").first()
    if point is None:
        return None
    _device, token = device_register(actor=None, service_point=point, name="Anjungan Demo 1")
    path = kiosk_token_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(token + "\n")
    return point, token
