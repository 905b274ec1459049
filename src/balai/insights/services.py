"""Keeping the daily case counts (models.DailyCaseCount) in step with the cases table.

`refresh_daily_counts` rewrites whole local days from `cases_case`, in one transaction per
regency: the days since the last refresh up to yesterday, and the past days of every case
changed since then (a case that moved to the district office, or closed, changes the counts
of the day it was submitted or closed). Today is never stored: the dashboards count it live.
Idempotent: running it twice in a row rewrites nothing the second time (no day has changed).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Min, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from balai.cases.models import Case
from balai.insights.models import DailyCaseCount, DailyCaseCountState
from balai.insights.periods import day_start, local_today, zone
from balai.insights.selectors import FINISHED, ON_TIME

OFFICE = ("office_region_code", "office_agency_id", "service_point_id")
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Refreshed:
    regency_code: str
    days: int
    rows: int
    complete_through: dt.date


def _runs(days: set[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Sorted days as (first, last) runs of consecutive days."""
    runs: list[tuple[dt.date, dt.date]] = []
    for day in sorted(days):
        if runs and runs[-1][1] + ONE_DAY == day:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def daily_counts(
    cases: Q | None, *, regency_code: str, first: dt.date, last: dt.date
) -> dict[tuple[dt.date, str, int | None, int | None], list[int]]:
    """{(day, office region, agency, service point): [received, finished, on time]} counted
    from the cases table for the local days first..last (the definition of a stored row)."""
    qs = Case.objects.filter(regency_code=regency_code).order_by()
    if cases is not None:
        qs = qs.filter(cases)
    start, end = day_start(first), day_start(last + ONE_DAY)
    tz = zone()
    out: dict[tuple[dt.date, str, int | None, int | None], list[int]] = defaultdict(
        lambda: [0, 0, 0]
    )
    received = (
        qs.filter(submitted_at__gte=start, submitted_at__lt=end)
        .annotate(day=TruncDate("submitted_at", tzinfo=tz))
        .values_list("day", *OFFICE)
        .annotate(n=Count("*"))
    )
    for day, region, agency, point, n in received:
        out[(day, region, agency, point)][0] = n
    finished = (
        qs.filter(closed_at__gte=start, closed_at__lt=end, status__in=FINISHED)
        .annotate(day=TruncDate("closed_at", tzinfo=tz))
        .values_list("day", *OFFICE)
        .annotate(n=Count("*"), on_time=Count("regency_code", filter=ON_TIME))
    )
    for day, region, agency, point, n, on_time in finished:
        row = out[(day, region, agency, point)]
        row[1], row[2] = n, on_time
    return out


def _rewrite(regency_code: str, first: dt.date, last: dt.date) -> int:
    counts = daily_counts(None, regency_code=regency_code, first=first, last=last)
    DailyCaseCount.objects.filter(regency_code=regency_code, day__gte=first, day__lte=last).delete()
    DailyCaseCount.objects.bulk_create(
        (
            DailyCaseCount(
                regency_code=regency_code,
                day=day,
                office_region_code=region,
                office_agency_id=agency,
                service_point_id=point,
                received=received,
                finished=finished,
                on_time=on_time,
            )
            for (day, region, agency, point), (received, finished, on_time) in counts.items()
        ),
        batch_size=5000,
    )
    return len(counts)


def _touched_days(regency_code: str, since: dt.datetime, through: dt.date) -> set[dt.date]:
    """Local days (up to `through`) a case changed since `since` was submitted or closed on."""
    tz = zone()
    days: set[dt.date] = set()
    changed = Case.objects.filter(regency_code=regency_code, updated_at__gte=since).order_by()
    for submitted, closed in changed.values_list("submitted_at", "closed_at").iterator():
        for moment in (submitted, closed):
            if moment is not None and (day := moment.astimezone(tz).date()) <= through:
                days.add(day)
    return days


def refresh_daily_counts(
    *, regency_code: str, now: dt.datetime | None = None, full: bool = False
) -> Refreshed:
    """Rewrite the regency's days that changed (or all of them with `full`) up to yesterday."""
    now = now or timezone.now()
    through = local_today(now) - ONE_DAY
    with transaction.atomic():
        # One refresh per regency at a time: a second waits, then finds nothing left to do.
        state = DailyCaseCountState.objects.select_for_update().filter(pk=regency_code).first()
        days: set[dt.date] = set()
        runs: list[tuple[dt.date, dt.date]] = []
        if state is None or full:
            oldest = Case.objects.filter(regency_code=regency_code).aggregate(
                first=Min("submitted_at")
            )["first"]
            if oldest is not None and oldest.astimezone(zone()).date() <= through:
                runs = [(oldest.astimezone(zone()).date(), through)]
            if full:
                DailyCaseCount.objects.filter(regency_code=regency_code).delete()
        else:
            if state.complete_through < through:
                runs.append((state.complete_through + ONE_DAY, through))
            days = _touched_days(regency_code, state.refreshed_at, state.complete_through)
            runs += _runs(days)
        rows = sum(_rewrite(regency_code, first, last) for first, last in runs)
        DailyCaseCountState.objects.update_or_create(
            regency_code=regency_code,
            defaults={"complete_through": through, "refreshed_at": now},
        )
    return Refreshed(
        regency_code=regency_code,
        days=sum((last - first).days + 1 for first, last in runs),
        rows=rows,
        complete_through=through,
    )


def refresh_all(*, now: dt.datetime | None = None, full: bool = False) -> list[Refreshed]:
    regencies = Case.objects.order_by("regency_code").values_list("regency_code", flat=True)
    return [
        refresh_daily_counts(regency_code=code, now=now, full=full) for code in regencies.distinct()
    ]
