"""How figures read in Bahasa Indonesia (and English): durations, shares, promises."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _

from balai.catalog.choices import SlaUnit

DAY = 86_400
HOUR = 3_600


def duration_text(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds >= DAY:
        return _("%(n)s hari") % {"n": formats.number_format(seconds / DAY, 1)}
    if seconds >= HOUR:
        return _("%(n)s jam") % {"n": formats.number_format(seconds / HOUR, 1)}
    return _("%(n)s menit") % {"n": formats.number_format(seconds / 60, 0)}


def percent_text(share: float | None) -> str:
    if share is None:
        return "—"
    return f"{formats.number_format(share * 100, 1)}%"


def promise_text(value: int | None, unit: str | None) -> str:
    if value is None or not unit:
        return "—"
    label = SlaUnit(unit).label if unit in SlaUnit.values else unit
    return f"{value} {label}"


def promise_seconds(value: int | None, unit: str | None) -> float | None:
    """The promise as elapsed time for a chart's scale: a working day is counted as a calendar
    day (the comparison the public reads; compliance uses the exact working-time clock)."""
    if value is None or not unit:
        return None
    return value * {SlaUnit.WORKING_DAYS: DAY, SlaUnit.HOURS: HOUR, SlaUnit.MINUTES: 60}.get(
        unit, DAY
    )
