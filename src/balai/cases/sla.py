"""The SLA clock: working days and working hours in an office's own time zone.

"Jangka waktu" is part of every published service standard (UU 25/2009 art. 21 huruf c;
PermenPAN-RB 15/2014) and counts working days: weekends, national holidays and cuti bersama
(SKB 3 Menteri each year) do not count, nor does time the case waits on the citizen.

The arithmetic is pure (a `WorkCalendar` in, a datetime out); only `work_calendar` reads the
Holiday table. Indonesian zones (WIB, WITA, WIT) have no daylight saving, so wall-clock
arithmetic in the office's zone is exact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q

from balai.cases.choices import SlaUnit

DEFAULT_OPENS = dt.time(8, 0)
DEFAULT_CLOSES = dt.time(16, 0)
_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class WorkCalendar:
    tz: ZoneInfo
    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    opens: dt.time = DEFAULT_OPENS
    closes: dt.time = DEFAULT_CLOSES

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self.holidays

    def opening(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, self.opens, tzinfo=self.tz)

    def closing(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, self.closes, tzinfo=self.tz)

    def next_working_day(self, day: dt.date) -> dt.date:
        day += _DAY
        while not self.is_working_day(day):
            day += _DAY
        return day


def _require_aware(moment: dt.datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("SLA arithmetic needs timezone-aware datetimes")


def add_working_days(start: dt.datetime, days: int, calendar: WorkCalendar) -> dt.datetime:
    """Closing time of the `days`-th working day after the day of `start`.

    The day of submission does not count ("N hari kerja" starts the next working day); with 0
    days the case is due at closing time of that day, or of the next working day.
    """
    _require_aware(start)
    if days < 0:
        raise ValueError("days must not be negative")
    day = start.astimezone(calendar.tz).date()
    if days == 0:
        if not calendar.is_working_day(day):
            day = calendar.next_working_day(day)
        return calendar.closing(day)
    for _ in range(days):
        day = calendar.next_working_day(day)
    return calendar.closing(day)


def add_working_minutes(start: dt.datetime, minutes: int, calendar: WorkCalendar) -> dt.datetime:
    """`start` plus `minutes` of office hours on working days."""
    _require_aware(start)
    if minutes < 0:
        raise ValueError("minutes must not be negative")
    cursor = start.astimezone(calendar.tz)
    remaining = dt.timedelta(minutes=minutes)
    day = cursor.date()
    while True:
        if calendar.is_working_day(day):
            cursor = max(cursor, calendar.opening(day))
            available = calendar.closing(day) - cursor
            if available >= remaining and cursor < calendar.closing(day):
                return cursor + remaining
            if available > dt.timedelta(0):
                remaining -= available
        day += _DAY
        cursor = calendar.opening(day)


def working_days_between(start: dt.datetime, end: dt.datetime, calendar: WorkCalendar) -> int:
    """Working days after the day of `start`, up to and including the day of `end`."""
    _require_aware(start)
    _require_aware(end)
    day = start.astimezone(calendar.tz).date()
    last = end.astimezone(calendar.tz).date()
    count = 0
    while day < last:
        day += _DAY
        count += calendar.is_working_day(day)
    return count


def working_minutes_between(start: dt.datetime, end: dt.datetime, calendar: WorkCalendar) -> int:
    """Whole minutes of office hours on working days between `start` and `end`."""
    _require_aware(start)
    _require_aware(end)
    if end <= start:
        return 0
    total = dt.timedelta(0)
    day = start.astimezone(calendar.tz).date()
    last = end.astimezone(calendar.tz).date()
    while day <= last:
        if calendar.is_working_day(day):
            lo = max(start, calendar.opening(day))
            hi = min(end, calendar.closing(day))
            if hi > lo:
                total += hi - lo
        day += _DAY
    return int(total.total_seconds() // 60)


def sla_due(
    *, start: dt.datetime, amount: int, unit: str, paused: int, calendar: WorkCalendar
) -> dt.datetime:
    """When a case is due. `paused` is in working days for day standards, else in minutes."""
    if unit == SlaUnit.WORKING_DAYS:
        return add_working_days(start, amount + paused, calendar)
    factor = 60 if unit == SlaUnit.HOURS else 1
    return add_working_minutes(start, amount * factor + paused, calendar)


def sla_pause_length(
    *, start: dt.datetime, end: dt.datetime, unit: str, calendar: WorkCalendar
) -> int:
    """The working time between a pause and its resumption, in the unit `sla_due` takes."""
    if unit == SlaUnit.WORKING_DAYS:
        return working_days_between(start, end, calendar)
    return working_minutes_between(start, end, calendar)


def work_calendar(*, tz_name: str | None = None, region_code: str | None = None) -> WorkCalendar:
    """The calendar of an office: national holidays, cuti bersama and its regency's own days."""
    from balai.cases.models import Holiday

    where = Q(region_code="")
    if region_code:
        regency = ".".join(region_code.split(".")[:2])
        where |= Q(region_code=regency)
    days = frozenset(Holiday.objects.filter(where).values_list("date", flat=True))
    return WorkCalendar(tz=ZoneInfo(tz_name or settings.TIME_ZONE), holidays=days)
