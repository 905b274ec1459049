"""Per-device back-off: a kiosk where sign-in keeps failing makes everyone at it wait.

The PIN's own lockout (citizens.pin) stops guessing one NIK; this stops one machine being used
to walk through many NIKs. Pure functions, property-tested.
"""

from __future__ import annotations

from django.conf import settings

FAILURES_BEFORE_WAIT = 10
FIRST_WAIT_SECONDS = 30
MAX_WAIT_SECONDS = 15 * 60


def failures_before_wait() -> int:
    return int(getattr(settings, "KIOSK_DEVICE_FAILURES_BEFORE_WAIT", FAILURES_BEFORE_WAIT))


def wait_seconds(waits: int) -> int:
    """How long the device waits the `waits`-th time in a row: 30 s, doubling, at most 15 min."""
    if waits < 1:
        return 0
    first = int(getattr(settings, "KIOSK_DEVICE_FIRST_WAIT_SECONDS", FIRST_WAIT_SECONDS))
    # The exponent is capped before shifting so a long run never builds a huge integer.
    return min(MAX_WAIT_SECONDS, first << min(waits - 1, 20))
