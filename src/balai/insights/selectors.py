"""Dashboard figures: aggregate SQL over cases, surveys, complaints and queue tickets.

Reads only, always for a viewer: the subject (village, district, agency, service point,
regency) is checked against the viewer's scope before anything is counted. Each figure is one
grouped query; nothing loads a regency's cases into memory (queue tickets of the period are
read per ticket, the only rows the dashboard fetches).

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
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Max, Min, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone

from balai.cases.choices import CaseStatus
from balai.cases.models import Case
from balai.catalog.models import Service
from balai.feedback.choices import OPEN_COMPLAINT_STATUSES
from balai.feedback.ikm import ELEMENT_CODES, IkmResult, ikm_from_sums
from balai.feedback.models import Complaint, SurveyResponse
from balai.insights.periods import MONTH, Period, day_start, zone
from balai.insights.sql import completion_seconds, grouped_percentiles, percentile_of_sorted
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


# --- cases ----------------------------------------------------------------------------------
def subject_cases(subject: Subject) -> QuerySet[Case]:
    return Case.objects.filter(subject.cases_q()).order_by()


def _finished_in(subject: Subject, start: dt.datetime, end: dt.datetime) -> QuerySet[Case]:
    return subject_cases(subject).filter(
        closed_at__gte=start, closed_at__lt=end, status__in=FINISHED
    )


_ON_TIME = Q(due_at__isnull=False, closed_at__lte=F("due_at"))


def case_figures(*, subject: Subject, period: Period) -> CaseFigures:
    received = (
        subject_cases(subject)
        .filter(submitted_at__gte=period.start_at, submitted_at__lt=period.end_at)
        .count()
    )
    finished = _finished_in(subject, period.start_at, period.end_at)
    counts = finished.aggregate(
        n=Count("id"),
        on_time=Count("id", filter=_ON_TIME),
        issued=Count("id", filter=Q(status=CaseStatus.ISSUED)),
    )
    median, p90 = grouped_percentiles(
        finished, group=None, value=completion_seconds(), fractions=(MEDIAN, P90)
    )[None]
    return CaseFigures(
        received=received,
        finished=counts["n"],
        on_time=counts["on_time"],
        issued=counts["issued"],
        median_s=median,
        p90_s=p90,
    )


def backlog(*, subject: Subject, now: dt.datetime) -> Backlog:
    row = (
        subject_cases(subject)
        .filter(closed_at__isnull=True)
        .aggregate(
            open=Count("id"),
            overdue=Count("id", filter=Q(due_at__lt=now, sla_paused_at__isnull=True)),
            paused=Count("id", filter=Q(sla_paused_at__isnull=False)),
        )
    )
    return Backlog(open=row["open"], overdue=row["overdue"], waiting_on_citizen=row["paused"])


def service_rows(*, subject: Subject, period: Period) -> list[ServiceRow]:
    """Per service: received, finished, on time, median and p90 against its promise."""
    received = dict(
        subject_cases(subject)
        .filter(submitted_at__gte=period.start_at, submitted_at__lt=period.end_at)
        .values_list("service_id")
        .annotate(n=Count("id"))
    )
    finished_qs = _finished_in(subject, period.start_at, period.end_at)
    finished = {
        r["service_id"]: r
        for r in finished_qs.values("service_id").annotate(
            n=Count("id"), on_time=Count("id", filter=_ON_TIME)
        )
    }
    times = grouped_percentiles(
        finished_qs, group="service_id", value=completion_seconds(), fractions=(MEDIAN, P90)
    )
    services = Service.objects.filter(pk__in=set(received) | set(finished)).select_related(
        "published_version"
    )
    rows = []
    for service in services:
        version = service.published_version
        done = finished.get(service.pk, {"n": 0, "on_time": 0})
        median, p90 = times.get(service.pk, (None, None))
        rows.append(
            ServiceRow(
                service_id=service.pk,
                name=service.name,
                sla_value=version.sla_value if version else None,
                sla_unit=version.sla_unit if version else None,
                received=received.get(service.pk, 0),
                finished=done["n"],
                on_time=done["on_time"],
                median_s=median,
                p90_s=p90,
            )
        )
    return sorted(rows, key=lambda r: (-r.received - r.finished, r.name))


def village_ranking(*, subject: Subject, period: Period, now: dt.datetime) -> list[RankRow]:
    """Villages of a district or regency by SLA compliance, then median completion time.

    Villages without a finished case in the period rank last, in code order.
    """
    if subject.kind not in (Kind.DISTRICT, Kind.REGENCY):
        return []
    cases = subject_cases(subject)
    received = dict(
        cases.filter(submitted_at__gte=period.start_at, submitted_at__lt=period.end_at)
        .values_list("office_region_code")
        .annotate(n=Count("id"))
    )
    finished_qs = _finished_in(subject, period.start_at, period.end_at)
    finished = {
        r["office_region_code"]: r
        for r in finished_qs.values("office_region_code").annotate(
            n=Count("id"), on_time=Count("id", filter=_ON_TIME)
        )
    }
    medians = grouped_percentiles(
        finished_qs, group="office_region_code", value=completion_seconds(), fractions=(MEDIAN,)
    )
    overdue = dict(
        cases.filter(closed_at__isnull=True, due_at__lt=now, sla_paused_at__isnull=True)
        .values_list("office_region_code")
        .annotate(n=Count("id"))
    )
    villages = Region.objects.filter(
        subtree_q("code", subject.key), level=Level.VILLAGE
    ).values_list("code", "name")
    rows = []
    for code, name in villages:
        done = finished.get(code, {"n": 0, "on_time": 0})
        rows.append(
            dict(
                code=code,
                name=name,
                received=received.get(code, 0),
                finished=done["n"],
                on_time=done["on_time"],
                median_s=medians.get(code, (None,))[0],
                overdue=overdue.get(code, 0),
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
    start, end = day_start(buckets[0]), period.trend_end_at()
    trunc = TruncMonth if period.grain == MONTH else TruncWeek
    tz = zone()
    received = {
        row["b"].date(): row["n"]
        for row in subject_cases(subject)
        .filter(submitted_at__gte=start, submitted_at__lt=end)
        .annotate(b=trunc("submitted_at", tzinfo=tz))
        .values("b")
        .annotate(n=Count("id"))
    }
    finished = {
        row["b"].date(): row
        for row in _finished_in(subject, start, end)
        .annotate(b=trunc("closed_at", tzinfo=tz))
        .values("b")
        .annotate(n=Count("id"), on_time=Count("id", filter=_ON_TIME))
    }
    return [
        TrendPoint(
            start=b,
            received=received.get(b, 0),
            finished=finished.get(b, {}).get("n", 0),
            on_time=finished.get(b, {}).get("on_time", 0),
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
    return Dashboard(
        subject=subject,
        period=period,
        now=now,
        cases=case_figures(subject=subject, period=period),
        backlog=backlog(subject=subject, now=now),
        services=service_rows(subject=subject, period=period),
        ikm=ikm_figures(subject=subject, period=period),
        complaints=complaint_figures(subject=subject, period=period, now=now),
        queue=queue_figures(subject=subject, period=period),
        ranking=village_ranking(subject=subject, period=period, now=now),
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
            n=Count("id"), on_time=Count("id", filter=_ON_TIME)
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
