"""A signed-in citizen in the browser session, kept apart from staff sign-in.

Kiosk and online pages share these helpers; the session holds the resident's id only, never
the NIK, and a new session key is issued at sign-in and sign-out.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from balai.people.models import Resident

SESSION_KEY = "balai_citizen"


def citizen_login(request: HttpRequest, resident: Resident, *, channel: str) -> None:
    request.session.cycle_key()
    request.session[SESSION_KEY] = {
        "id": resident.pk,
        "regency": resident.regency_code,
        "channel": channel,
        "at": timezone.now().isoformat(),
    }


def citizen_logout(request: HttpRequest) -> None:
    """Forget everything this browser session held, not only the citizen."""
    request.session.flush()


def current_citizen(request: HttpRequest, *, channel: str | None = None) -> Resident | None:
    data = request.session.get(SESSION_KEY)
    if not data or (channel is not None and data.get("channel") != channel):
        return None
    return (
        Resident.objects.select_related("village", "family")
        .filter(pk=data["id"], regency_code=data["regency"])
        .first()
    )
