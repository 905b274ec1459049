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
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q

from balai.cases.choices import SlaUnit

DEFAULT_OPENS = dt.time(8, 0)
DEFAULT_CLOSES = dt.time(16, 0)
_DAY = dt.timedelta(days=1)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

Hours = tuple[dt.time, dt.time]


def week_from_hours(hours: dict[str, list[str]] | None) -> tuple[Hours | None, ...] | None:
    """A point's weekly hours as stored ({"mon": ["08:00", "15:00"], ...}; a day left out is
    closed) as the calendar's week; None for an empty setting (the default office week)."""
    if not hours:
        return None
    week: list[Hours | None] = []
    for name in WEEKDAYS:
        span = hours.get(name)
        if not span:
            week.append(None)
            continue
        opens, closes = (dt.time.fromisoformat(t) for t in span)
        if closes <= opens:
            raise ValueError(f"{name}: closing time must be after opening time")
        week.append((opens, closes))
    return tuple(week)


@dataclass(frozen=True)
class WorkCalendar:
    """Working time of one office. Each service point keeps its own hours and days (the MPP
    opens on Saturday and closes earlier; a market desk keeps market hours), so `week` holds
    hours per weekday, Monday first (None: closed); without it, Monday–Friday `opens`–`closes`.

    Cuti bersama is leave for civil servants, not a closing order: the SKB 3 Menteri on
    national holidays and cuti bersama tells public-service units to keep serving, so a point
    is open on those days unless it says otherwise (`closed_on_cuti_bersama`).
    """

    tz: ZoneInfo
    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    opens: dt.time = DEFAULT_OPENS
    closes: dt.time = DEFAULT_CLOSES
    week: tuple[Hours | None, ...] | None = None
    cuti_bersama: frozenset[dt.date] = field(default_factory=frozenset)
    closed_on_cuti_bersama: bool = False

    def hours(self, day: dt.date) -> Hours | None:
        if self.week is not None:
            return self.week[day.weekday()]
        return (self.opens, self.closes) if day.weekday() < 5 else None

    def is_working_day(self, day: dt.date) -> bool:
        if self.hours(day) is None or day in self.holidays:
            return False
        return not (self.closed_on_cuti_bersama and day in self.cuti_bersama)

    def opening(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, (self.hours(day) or (self.opens,))[0], tzinfo=self.tz)

    def closing(self, day: dt.date) -> dt.datetime:
        hours = self.hours(day) or (self.closes, self.closes)
        return dt.datetime.combine(day, hours[1], tzinfo=self.tz)

    def next_working_day(self, day: dt.date) -> dt.date:
        if not any(self.hours(day + _DAY * i) for i in range(7)):
            raise ValueError("a calendar without opening days has no next working day")
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


def work_calendar(
    *, tz_name: str | None = None, region_code: str | None = None, service_point: Any = None
) -> WorkCalendar:
    """The calendar of an office: its own hours and days, national holidays, cuti bersama and
    its regency's own days."""
    from balai.cases.choices import HolidayKind
    from balai.cases.models import Holiday

    where = Q(region_code="")
    if region_code:
        regency = ".".join(region_code.split(".")[:2])
        where |= Q(region_code=regency)
    holidays, cuti = set(), set()
    for day, kind in Holiday.objects.filter(where).values_list("date", "kind"):
        (cuti if kind == HolidayKind.CUTI_BERSAMA else holidays).add(day)
    return WorkCalendar(
        tz=ZoneInfo(tz_name or getattr(service_point, "timezone", None) or settings.TIME_ZONE),
        holidays=frozenset(holidays),
        cuti_bersama=frozenset(cuti - holidays),
        week=week_from_hours(getattr(service_point, "weekly_hours", None)),
        closed_on_cuti_bersama=bool(getattr(service_point, "closed_on_cuti_bersama", False)),
    )
