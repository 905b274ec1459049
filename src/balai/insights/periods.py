"""Reporting periods: whole local days in the regency's zone; trends by week or month."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

DEFAULT_DAYS = 30
TREND_BUCKETS = 12
WEEK = "week"
MONTH = "month"


def zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_today(now: dt.datetime | None = None) -> dt.date:
    return (now or timezone.now()).astimezone(zone()).date()


def day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=zone())


@dataclass(frozen=True)
class Period:
    """From the start of `start` to the end of `end` (both local days, inclusive)."""

    start: dt.date
    end: dt.date
    grain: str = WEEK

    @property
    def start_at(self) -> dt.datetime:
        return day_start(self.start)

    @property
    def end_at(self) -> dt.datetime:
        # Exclusive: the start of the day after `end`.
        return day_start(self.end + dt.timedelta(days=1))

    @property
    def label(self) -> str:
        return f"{self.start.isoformat()} – {self.end.isoformat()}"

    def trend_buckets(self) -> list[dt.date]:
        """The first day of each of the last TREND_BUCKETS weeks (Monday) or months, oldest
        first, ending with the one that holds `end`."""
        if self.grain == MONTH:
            year, month = self.end.year, self.end.month
            firsts = []
            for _ in range(TREND_BUCKETS):
                firsts.append(dt.date(year, month, 1))
                year, month = (year, month - 1) if month > 1 else (year - 1, 12)
            return firsts[::-1]
        monday = self.end - dt.timedelta(days=self.end.weekday())
        return [monday - dt.timedelta(weeks=n) for n in range(TREND_BUCKETS - 1, -1, -1)]

    def trend_end_at(self) -> dt.datetime:
        last = self.trend_buckets()[-1]
        if self.grain == MONTH:
            nxt = dt.date(last.year + (last.month == 12), last.month % 12 + 1, 1)
        else:
            nxt = last + dt.timedelta(weeks=1)
        return day_start(nxt)


def period_default(*, now: dt.datetime | None = None, grain: str = WEEK) -> Period:
    today = local_today(now)
    return Period(start=today - dt.timedelta(days=DEFAULT_DAYS - 1), end=today, grain=grain)
