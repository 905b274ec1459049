"""Dashboard figures: aggregate SQL over cases, surveys, complaints and queue tickets.

Reads only, always for a viewer: the subject (village, district, agency, service point,
regency) is checked against the viewer's scope before anything is counted. The cases are read
in one grouped pass per question (received, finished, open), each off a covering index; the
twelve-week or -month trend and the ranking's received column sum the daily case counts
(models.DailyCaseCount) plus a live count of the days not stored yet. Nothing loads a
regency's cases into memory (queue tickets of the period are read per ticket, the only rows
the dashboard fetches).

Definitions (docs/apps/insights.md):
- received: submitted in the period; finished: closed as issued or rejected in the period
  (a citizen's cancellation is not the office's work);
- on time: finished no later than `due_at`, the case's own SLA clock (working days, holidays
  and pauses while waiting on the citizen already counted by the cases app);
- completion time: `closed_at - submitted_at` in elapsed time; median and p90 are
  `percentile_cont`;
- backlog: open cases now (`closed_at` empty); overdue: open, not paused, past `due_at`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Count, F, Max, Min, Q, QuerySet, Sum
from django.utils import timezone

from balai.cases.choices import CaseStatus
from balai.cases.models import Case
from balai.catalog.models import Service
from balai.feedback.choices import OPEN_COMPLAINT_STATUSES
from balai.feedback.ikm import ELEMENT_CODES, IkmResult, ikm_from_sums
from balai.feedback.models import Complaint, SurveyResponse
from balai.insights.models import DailyCaseCount, DailyCaseCountState
from balai.insights.periods import MONTH, Period, zone
from balai.insights.sql import (
    PercentileCont,
    completion_seconds,
    grouped_percentiles,
    in_database,
    percentile_of_sorted,
)
from balai.insights.subjects import Kind, Subject, subject_may_view
from balai.queueing.choices import EventKind
from balai.queueing.models import Ticket, TicketEvent
from balai.regions.choices import Level
from balai.regions.models import Region, subtree_q

FINISHED = (CaseStatus.ISSUED, CaseStatus.REJECTED)
MEDIAN, P90 = 0.5, 0.9
VILLAGE_CODE_LENGTH = len("35.10.05.2001")


@dataclass(frozen=True)
class CaseFigures:
    received: int
    finished: int
    on_time: int
    issued: int
    median_s: float | None
    p90_s: float | None

    @property
    def compliance(self) -> float | None:
        return self.on_time / self.finished if self.finished else None


@dataclass(frozen=True)
class Backlog:
    open: int
    overdue: int
    waiting_on_citizen: int


@dataclass(frozen=True)
class ServiceRow:
    service_id: int
    name: str
    sla_value: int | None
    sla_unit: str | None
    received: int
    finished: int
    on_time: int
    median_s: float | None
    p90_s: float | None

    @property
    def compliance(self) -> float | None:
        return self.on_time / self.finished if self.finished else None


@dataclass(frozen=True)
class ComplaintFigures:
    received: int
    answered: int
    answered_on_time: int
    overdue: int


@dataclass(frozen=True)
class QueueFigures:
    tickets: int
    served: int
    no_shows: int
    wait_median_s: float | None
    wait_p90_s: float | None
    service_median_s: float | None


@dataclass(frozen=True)
class RankRow:
    rank: int
    code: str
    name: str
    received: int
    finished: int
    on_time: int
    median_s: float | None
    overdue: int

    @property
    def compliance(self) -> float | None:
        return self.on_time / self.finished if self.finished else None


@dataclass(frozen=True)
class TrendPoint:
    start: dt.date
    received: int
    finished: int
    on_time: int


@dataclass(frozen=True)
class Dashboard:
    subject: Subject
    period: Period
    now: dt.datetime
    cases: CaseFigures
    backlog: Backlog
    services: list[ServiceRow]
    ikm: IkmResult | None
    complaints: ComplaintFigures | None
    queue: QueueFigures
    ranking: list[RankRow] = field(default_factory=list)
    trend: list[TrendPoint] = field(default_factory=list)


# --- cases ---------------------------------------------------------------------------------
# One pass per question over the subject's cases, each read off a covering index (cases
# migration 0005): the period's received cases once, grouped by service and office; its
# finished cases three times (whole, per service, per office), each time counts and
# percentiles together; the open cases once, grouped by office. The page's figures, the
# service table and the village ranking are all cut from these.
def subject_cases(subject: Subject) -> QuerySet[Case]:
    return Case.objects.filter(subject.cases_q()).order_by()


def _finished_in(subject: Subject, start: dt.datetime, end: dt.datetime) -> QuerySet[Case]:
    return subject_cases(subject).filter(
        closed_at__gte=start, closed_at__lt=end, status__in=FINISHED
    )


ON_TIME = Q(due_at__isnull=False, closed_at__lte=F("due_at"))
# Counted rows name a column every dashboard index holds and no case lacks: COUNT(id) would
# send PostgreSQL to the table for the id, COUNT(*) cannot take a FILTER in the ORM.
_ROW = "regency_code"


def _ranks(subject: Subject) -> bool:
    return subject.kind in (Kind.DISTRICT, Kind.REGENCY)


def _finished_stats(
    finished: QuerySet[Case], *, group: str | None, fractions: tuple[float, ...]
) -> dict[Any, dict[str, Any]]:
    """{group value: {n, on_time, issued, p: (percentile per fraction)}} of finished cases.

    On PostgreSQL counts and percentiles come out of the same scan; on SQLite the
    percentiles are a second read (sql.grouped_percentiles)."""
    counts = {
        "n": Count("*"),
        "on_time": Count(_ROW, filter=ON_TIME),
        "issued": Count(_ROW, filter=Q(status=CaseStatus.ISSUED)),
    }
    names = [f"p{i}" for i in range(len(fractions))]
    if in_database():
        for name, fraction in zip(names, fractions, strict=True):
            counts[name] = PercentileCont(completion_seconds(), fraction)
    if group is None:
        rows = [{None: None, **finished.aggregate(**counts)}]
        group_key: Any = None
    else:
        rows = list(finished.values(group).annotate(**counts))
        group_key = group
    out = {}
    for row in rows:
        if group is None and not row["n"]:
            row |= {n: None for n in names}
        out[row[group_key]] = {k: row.get(k) for k in ("n", "on_time", "issued")} | {
            "p": tuple(row.get(n) for n in names)
        }
    if not in_database():
        times = grouped_percentiles(
            finished, group=group, value=completion_seconds(), fractions=fractions
        )
        for key, row in out.items():
            row["p"] = times.get(key, (None,) * len(fractions))
    return out


Stats = dict[Any, dict[str, Any]]


def _finished_sets(subject: Subject, period: Period) -> dict[str | None, Stats]:
    """The period's finished cases as a whole, per service and (district, regency) per
    office: {None | "service_id" | "office_region_code": {key: {n, on_time, issued, p}}},
    p = (median, p90).

    On PostgreSQL one scan answers all three (GROUPING SETS, each percentile pair from one
    sort of the group); on SQLite each is read on its own by the same definitions."""
    finished = _finished_in(subject, period.start_at, period.end_at)
    groups: list[str | None] = [None, "service_id"]
    if _ranks(subject):
        groups.append("office_region_code")
    if not in_database():
        return {g: _finished_stats(finished, group=g, fractions=(MEDIAN, P90)) for g in groups}
    inner, params = finished.values(
        "service_id", "office_region_code", "status", "due_at", "closed_at", "submitted_at"
    ).query.sql_with_params()
    sets = ", ".join("()" if g is None else f"({g})" for g in groups)
    # GROUPING() only takes a column some set groups by: without the office set, none does.
    office = "GROUPING(office_region_code), office_region_code" if _ranks(subject) else "1, NULL"
    sql = f"""
        SELECT GROUPING(service_id), {office}, service_id, COUNT(*),
               COUNT(*) FILTER (WHERE due_at IS NOT NULL AND closed_at <= due_at),
               COUNT(*) FILTER (WHERE status = %s),
               percentile_cont(ARRAY[{MEDIAN!r}, {P90!r}])
                 WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (closed_at - submitted_at)))
        FROM ({inner}) AS finished
        GROUP BY GROUPING SETS ({sets})
    """  # noqa: S608 - the inner query and the set names are ours, the values are parameters
    out: dict[str | None, Stats] = {g: {} for g in groups}
    with connection.cursor() as cursor:
        cursor.execute(sql, [CaseStatus.ISSUED.value, *params])
        for no_service, no_office, code, service, n, on_time, issued, p in cursor.fetchall():
            if no_service and no_office:
                group, key = None, None
            elif no_office:
                group, key = "service_id", service
            else:
                group, key = "office_region_code", code
            out[group][key] = {
                "n": n,
                "on_time": on_time,
                "issued": issued,
                "p": tuple(p) if p else (None, None),
            }
    out[None].setdefault(None, {"n": 0, "on_time": 0, "issued": 0, "p": (None, None)})
    return out


def _received(subject: Subject, period: Period) -> dict[int, int]:
    """{service: cases submitted in the period}."""
    return dict(
        subject_cases(subject)
        .filter(submitted_at__gte=period.start_at, submitted_at__lt=period.end_at)
        .values_list("service_id")
        .annotate(n=Count("*"))
    )


def _stored_through(subject: Subject) -> dt.date | None:
    """The last day the daily counts hold for the subject's regency (None: none stored)."""
    return (
        DailyCaseCountState.objects.filter(pk=subject.regency_code)
        .values_list("complete_through", flat=True)
        .first()
    )


def _day_counts(
    subject: Subject, first: dt.date, last: dt.date, *, by: str
) -> dict[Any, list[int]]:
    """{day or office: [received, finished, on time]} over the local days first..last: the
    stored daily counts (models.DailyCaseCount) for the days they hold, the cases table for
    the rest (today at least), both by the same definition."""
    from balai.insights.services import daily_counts

    out: dict[Any, list[int]] = defaultdict(lambda: [0, 0, 0])
    through = _stored_through(subject)
    live_first = first
    if through is not None and first <= through:
        stored_last = min(last, through)
        rows = (
            DailyCaseCount.objects.filter(subject.cases_q(), day__gte=first, day__lte=stored_last)
            .order_by()
            .values_list(by)
            .annotate(Sum("received"), Sum("finished"), Sum("on_time"))
        )
        for key, *counts in rows:
            out[key] = [a + b for a, b in zip(out[key], counts, strict=True)]
        live_first = stored_last + dt.timedelta(days=1)
    if live_first <= last:
        live = daily_counts(
            subject.cases_q(), regency_code=subject.regency_code, first=live_first, last=last
        )
        for (day, region, _agency, _point), counts in live.items():
            key = day if by == "day" else region
            out[key] = [a + b for a, b in zip(out[key], counts, strict=True)]
    return out


def case_figures(
    *,
    subject: Subject,
    period: Period,
    received: dict[int, int] | None = None,
    finished: Stats | None = None,
) -> CaseFigures:
    received = _received(subject, period) if received is None else received
    if finished is None:
        finished = _finished_sets(subject, period)[None]
    whole = finished[None]
    median, p90 = whole["p"]
    return CaseFigures(
        received=sum(received.values()),
        finished=whole["n"],
        on_time=whole["on_time"],
        issued=whole["issued"],
        median_s=median,
        p90_s=p90,
    )


def _open_by_office(subject: Subject, now: dt.datetime) -> dict[str, dict[str, int]]:
    """{office or "": open, overdue, waiting on the citizen}: the open cases, one pass."""
    keys = ["office_region_code"] if _ranks(subject) else []
    counts = {
        "open": Count("*"),
        "overdue": Count(_ROW, filter=Q(due_at__lt=now, sla_paused_at__isnull=True)),
        "paused": Count(_ROW, filter=Q(sla_paused_at__isnull=False)),
    }
    open_cases = subject_cases(subject).filter(closed_at__isnull=True)
    if not keys:
        return {"": open_cases.aggregate(**counts)}
    return {r["office_region_code"]: r for r in open_cases.values(*keys).annotate(**counts)}


def backlog(
    *, subject: Subject, now: dt.datetime, by_office: dict[str, dict[str, int]] | None = None
) -> Backlog:
    rows = (_open_by_office(subject, now) if by_office is None else by_office).values()
    return Backlog(
        open=sum(r["open"] for r in rows),
        overdue=sum(r["overdue"] for r in rows),
        waiting_on_citizen=sum(r["paused"] for r in rows),
    )


def service_rows(
    *,
    subject: Subject,
    period: Period,
    received: dict[int, int] | None = None,
    finished: Stats | None = None,
) -> list[ServiceRow]:
    """Per service: received, finished, on time, median and p90 against its promise."""
    received_by = _received(subject, period) if received is None else received
    if finished is None:
        finished = _finished_sets(subject, period)["service_id"]
    services = Service.objects.filter(pk__in=set(received_by) | set(finished)).select_related(
        "published_version"
    )
    rows = []
    for service in services:
        version = service.published_version
        done = finished.get(service.pk, {"n": 0, "on_time": 0, "p": (None, None)})
        median, p90 = done["p"]
        rows.append(
            ServiceRow(
                service_id=service.pk,
                name=service.name,
                sla_value=version.sla_value if version else None,
                sla_unit=version.sla_unit if version else None,
                received=received_by.get(service.pk, 0),
                finished=done["n"],
                on_time=done["on_time"],
                median_s=median,
                p90_s=p90,
            )
        )
    return sorted(rows, key=lambda r: (-r.received - r.finished, r.name))


def village_ranking(
    *,
    subject: Subject,
    period: Period,
    now: dt.datetime,
    finished: Stats | None = None,
    open_by_office: dict[str, dict[str, int]] | None = None,
) -> list[RankRow]:
    """Villages of a district or regency by SLA compliance, then median completion time.

    Villages without a finished case in the period rank last, in code order.
    """
    if not _ranks(subject):
        return []
    received_by = _day_counts(subject, period.start, period.end, by="office_region_code")
    if finished is None:
        finished = _finished_sets(subject, period)["office_region_code"]
    opened = _open_by_office(subject, now) if open_by_office is None else open_by_office
    villages = Region.objects.filter(
        subtree_q("code", subject.key), level=Level.VILLAGE
    ).values_list("code", "name")
    rows = []
    for code, name in villages:
        done = finished.get(code, {"n": 0, "on_time": 0, "p": (None,)})
        rows.append(
            dict(
                code=code,
                name=name,
                received=received_by[code][0] if code in received_by else 0,
                finished=done["n"],
                on_time=done["on_time"],
                median_s=done["p"][0],
                overdue=opened.get(code, {}).get("overdue", 0),
            )
        )

    def order(r: dict[str, Any]) -> tuple[Any, ...]:
        if not r["finished"]:
            return (1, 0.0, 0.0, r["code"])
        return (0, -r["on_time"] / r["finished"], r["median_s"] or 0.0, r["code"])

    return [RankRow(rank=i, **r) for i, r in enumerate(sorted(rows, key=order), start=1)]


def trend(*, subject: Subject, period: Period) -> list[TrendPoint]:
    """Received and finished per week (Monday first) or month, the last twelve of them."""
    buckets = period.trend_buckets()
    last = (period.trend_end_at() - dt.timedelta(days=1)).astimezone(zone()).date()
    by_bucket: dict[dt.date, list[int]] = defaultdict(lambda: [0, 0, 0])
    for day, counts in _day_counts(subject, buckets[0], last, by="day").items():
        start = day.replace(day=1) if period.grain == MONTH else day - dt.timedelta(day.weekday())
        by_bucket[start] = [a + b for a, b in zip(by_bucket[start], counts, strict=True)]
    return [
        TrendPoint(
            start=b,
            received=by_bucket[b][0],
            finished=by_bucket[b][1],
            on_time=by_bucket[b][2],
        )
        for b in buckets
    ]


# --- satisfaction, complaints, queues -------------------------------------------------------
def ikm_figures(*, subject: Subject, period: Period) -> IkmResult | None:
    row = (
        SurveyResponse.objects.filter(subject.served_q())
        .filter(submitted_at__gte=period.start_at, submitted_at__lt=period.end_at)
        .order_by()
        .aggregate(**{c: Sum(c) for c in ELEMENT_CODES}, n=Count("id"))
    )
    if not row["n"]:
        return None
    return ikm_from_sums(sums=[row[c] for c in ELEMENT_CODES], respondents=row["n"])


def complaint_figures(
    *, subject: Subject, period: Period, now: dt.datetime
) -> ComplaintFigures | None:
    q = subject.complaints_q()
    if q is None:
        return None
    complaints = Complaint.objects.filter(q).order_by()
    row = complaints.filter(
        submitted_at__gte=period.start_at, submitted_at__lt=period.end_at
    ).aggregate(
        n=Count("id"),
        answered=Count("id", filter=Q(answered_at__isnull=False)),
        on_time=Count("id", filter=Q(answered_at__isnull=False, answered_at__lte=F("due_at"))),
    )
    overdue = complaints.filter(status__in=OPEN_COMPLAINT_STATUSES, due_at__lt=now).count()
    return ComplaintFigures(
        received=row["n"],
        answered=row["answered"],
        answered_on_time=row["on_time"],
        overdue=overdue,
    )


def queue_figures(*, subject: Subject, period: Period) -> QueueFigures:
    """Waiting (joining the line to the first call) and service (first start to finish) times
    from the timed ticket events, as the queueing app's statistics define them."""
    tickets = Ticket.objects.filter(subject.served_q()).filter(
        day__gte=period.start, day__lte=period.end
    )
    first = {
        "issued": Min("at", filter=Q(kind=EventKind.ISSUED)),
        "checked_in": Min("at", filter=Q(kind=EventKind.CHECKED_IN)),
        "called": Min("at", filter=Q(kind=EventKind.CALLED)),
        "started": Min("at", filter=Q(kind=EventKind.STARTED)),
        "finished": Max("at", filter=Q(kind=EventKind.FINISHED)),
        "no_show": Count("id", filter=Q(kind=EventKind.NO_SHOW)),
    }
    rows = (
        TicketEvent.objects.filter(ticket__in=tickets.values("id"))
        .order_by()
        .values("ticket_id")
        .annotate(**first)
    )
    waits: list[float] = []
    services: list[float] = []
    count = served = no_shows = 0
    for row in rows:
        count += 1
        joined = row["checked_in"] or row["issued"]
        if joined and row["called"]:
            waits.append((row["called"] - joined).total_seconds())
        if row["started"] and row["finished"]:
            services.append((row["finished"] - row["started"]).total_seconds())
        served += row["finished"] is not None
        no_shows += bool(row["no_show"]) and row["finished"] is None
    waits.sort()
    services.sort()
    return QueueFigures(
        tickets=count,
        served=served,
        no_shows=no_shows,
        wait_median_s=percentile_of_sorted(waits, MEDIAN),
        wait_p90_s=percentile_of_sorted(waits, P90),
        service_median_s=percentile_of_sorted(services, MEDIAN),
    )


# --- the page -------------------------------------------------------------------------------
def dashboard(
    *, viewer: Any, subject: Subject, period: Period, now: dt.datetime | None = None
) -> Dashboard:
    """Every figure of one dashboard. Refuses a subject outside the viewer's scope."""
    if not subject_may_view(viewer=viewer, subject=subject):
        raise PermissionDenied
    now = now or timezone.now()
    with transaction.atomic():
        if in_database():
            # The percentiles sort the period's durations: in memory, not in temporary files
            # (PostgreSQL's default 4 MB spills a regency's month to disk). This transaction only.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL work_mem = '32MB'")
        received = _received(subject, period)
        finished = _finished_sets(subject, period)
        opened = _open_by_office(subject, now)
        return Dashboard(
            subject=subject,
            period=period,
            now=now,
            cases=case_figures(
                subject=subject, period=period, received=received, finished=finished[None]
            ),
            backlog=backlog(subject=subject, now=now, by_office=opened),
            services=service_rows(
                subject=subject,
                period=period,
                received=received,
                finished=finished["service_id"],
            ),
            ikm=ikm_figures(subject=subject, period=period),
            complaints=complaint_figures(subject=subject, period=period, now=now),
            queue=queue_figures(subject=subject, period=period),
            ranking=village_ranking(
                subject=subject,
                period=period,
                now=now,
                finished=finished.get("office_region_code"),
                open_by_office=opened,
            ),
            trend=trend(subject=subject, period=period),
        )


# --- public: promised time against the real one, per service -------------------------------
PUBLIC_DAYS = 365
# Fewer finished cases than this and the page says there is not enough data: a median of two
# cases says little, and of one it would describe a single citizen's application.
PUBLIC_MIN_CASES = 5


@dataclass(frozen=True)
class PublicServiceTimes:
    code: str
    name: str
    agency: str
    sla_value: int | None
    sla_unit: str | None
    finished: int
    on_time: int
    median_s: float | None

    @property
    def enough(self) -> bool:
        return self.finished >= PUBLIC_MIN_CASES

    @property
    def compliance(self) -> float | None:
        return self.on_time / self.finished if self.finished else None


def public_service_times(
    *, code: str | None = None, now: dt.datetime | None = None
) -> list[PublicServiceTimes]:
    """Published services with the median completion of the last year's finished cases.

    No viewer: nothing here names a person, an office's case or a date of one case.
    """
    now = now or timezone.now()
    services = Service.objects.filter(
        status="published", published_version__isnull=False
    ).select_related("published_version", "agency")
    if code is not None:
        services = services.filter(code=code)
    services = list(services.order_by("name"))
    finished_qs = Case.objects.filter(
        service__in=services,
        status__in=FINISHED,
        closed_at__gte=now - dt.timedelta(days=PUBLIC_DAYS),
        closed_at__lt=now,
    ).order_by()
    counts = {
        r["service_id"]: r
        for r in finished_qs.values("service_id").annotate(
            n=Count("id"), on_time=Count("id", filter=ON_TIME)
        )
    }
    medians = grouped_percentiles(
        finished_qs, group="service_id", value=completion_seconds(), fractions=(MEDIAN,)
    )
    out = []
    for s in services:
        row = counts.get(s.pk, {"n": 0, "on_time": 0})
        out.append(
            PublicServiceTimes(
                code=s.code,
                name=s.name,
                agency=str(s.agency) if s.agency_id else "",
                sla_value=s.published_version.sla_value,
                sla_unit=s.published_version.sla_unit,
                finished=row["n"],
                on_time=row["on_time"],
                median_s=medians.get(s.pk, (None,))[0] if row["n"] >= PUBLIC_MIN_CASES else None,
            )
        )
    return out
