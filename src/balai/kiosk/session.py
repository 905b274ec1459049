"""The citizen's turn at a kiosk, kept in the browser session beside citizens.session.

The session remembers which device the citizen signed in on and when they last touched the
screen; a session from another device, or one idle past the device's timer, is flushed. The
page's countdown (static/kiosk/kiosk.js) normally signs out first; this is the server's own
check, so a tampered or frozen page cannot keep a citizen signed in.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone

from balai.citizens.session import citizen_login, citizen_logout, current_citizen
from balai.kiosk.choices import KIOSK_CHANNEL
from balai.kiosk.models import KioskDevice
from balai.kiosk.services import kiosk_sign_out
from balai.people.models import Resident

KEY = "balai_kiosk"
# The page signs out at zero; the server allows for a slow network before it does.
GRACE_SECONDS = 5


def kiosk_login(request: HttpRequest, *, device: KioskDevice, resident: Resident) -> None:
    citizen_login(request, resident, channel=KIOSK_CHANNEL)
    request.session[KEY] = {"device": device.pk, "seen": timezone.now().timestamp()}


def kiosk_logout(request: HttpRequest, *, device: KioskDevice, reason: str) -> None:
    resident = current_citizen(request, channel=KIOSK_CHANNEL)
    if resident is not None:
        kiosk_sign_out(device=device, resident=resident, reason=reason)
    citizen_logout(request)


def kiosk_citizen(
    request: HttpRequest, *, device: KioskDevice, touch: bool = True, now: dt.datetime | None = None
) -> Resident | None:
    """The citizen signed in at this device, or None (their session is flushed if stale)."""
    data = request.session.get(KEY)
    resident = current_citizen(request, channel=KIOSK_CHANNEL)
    if resident is None or not data:
        return None
    now_ts = (now or timezone.now()).timestamp()
    if data.get("device") != device.pk:
        citizen_logout(request)
        return None
    if now_ts - float(data.get("seen", 0)) > device.idle_seconds + GRACE_SECONDS:
        kiosk_logout(request, device=device, reason="idle")
        return None
    if touch:
        request.session[KEY] = {"device": device.pk, "seen": now_ts}
    return resident


def print_pending_set(request: HttpRequest, job_id: int) -> None:
    request.session["balai_kiosk_print"] = job_id


def print_pending_pop(request: HttpRequest) -> bool:
    """True once after a print job was logged: the next page prints itself."""
    return request.session.pop("balai_kiosk_print", None) is not None
