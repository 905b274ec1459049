"""What makes a PIN acceptable, and how long a locked PIN stays locked.

Pure rules, so they are property-tested without a database.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from django.utils.translation import gettext as _

PIN_LENGTH = 6
# Five wrong PINs in a row lock the PIN; each further lockout doubles, up to an hour, so a
# guesser at a kiosk gets about 30 tries a day instead of thousands.
ATTEMPTS_BEFORE_LOCK = 5
FIRST_LOCK_SECONDS = 60
MAX_LOCK_SECONDS = 3600


def lock_seconds(lockouts: int) -> int:
    """How long the `lockouts`-th lockout in a row lasts (1 → 60 s, 2 → 120 s, …, ≤ 1 h)."""
    if lockouts < 1:
        return 0
    return min(FIRST_LOCK_SECONDS * 2 ** min(lockouts - 1, 16), MAX_LOCK_SECONDS)


def _is_run(pin: str) -> bool:
    steps = {int(b) - int(a) for a, b in itertools.pairwise(pin)}
    return steps in ({1}, {-1}, {0})


def pin_problem(pin: str, *, birth_date: dt.date | None = None) -> str | None:
    """Why this PIN may not be used, in words for the citizen; None when it is acceptable."""
    if not re.fullmatch(rf"[0-9]{{{PIN_LENGTH}}}", pin or ""):
        return _("PIN harus terdiri dari %(n)d angka.") % {"n": PIN_LENGTH}
    if _is_run(pin):
        return _("PIN terlalu mudah ditebak (angka sama atau berurutan). Pilih angka lain.")
    if birth_date is not None and pin in {
        birth_date.strftime("%d%m%y"),
        birth_date.strftime("%y%m%d"),
        birth_date.strftime("%d%m") + birth_date.strftime("%Y")[:2],
    }:
        return _("PIN tidak boleh tanggal lahir. Pilih angka lain.")
    return None
