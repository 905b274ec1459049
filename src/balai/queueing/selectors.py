"""Reads. Staff reads take the viewer and go through accounts.permissions.restrict; the
public ones (board, ticket status, taking a ticket) show ticket codes and counter names only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from balai.accounts.permissions import can, restrict
from balai.catalog.models import ServicePoint
from balai.queueing.announce import announcement
from balai.queueing.choices import AT_COUNTER, CALLABLE, CounterState, EventKind, TicketStatus
from balai.queueing.estimate import wait_estimate
from balai.queueing.locks import local_day
from balai.queueing.models import BookingSlot, Counter, QueuePrefix, Ticket, TicketEvent
from balai.queueing.ordering import counter_handles_q
from balai.queueing.stats import EventRow, Summary, summarise, ticket_facts

RECENT_CALLS = 8
ESTIMATE_SAMPLES = 20


def point_get(*, code: str) -> ServicePoint | None:
    return ServicePoint.objects.filter(code=code).first()


def point_today(*, service_point: ServicePoint, now: dt.datetime | None = None) -> dt.date:
    return local_day(service_point=service_point, at=now or timezone.now())


def prefixes_for(*, service_point: ServicePoint) -> QuerySet[QueuePrefix]:
    return QueuePrefix.objects.filter(service_point=service_point).select_related("agency")


def slots_open(*, service_point: ServicePoint, now: dt.datetime | None = None) -> list[BookingSlot]:
    now = now or timezone.now()
    return list(
        BookingSlot.objects.filter(service_point=service_point, end__gt=now)
        .select_related("prefix", "service")
        .order_by("start")[:50]
    )


# --- Display board ----------------------------------------------------------------------------
def board_last_event_id(*, service_point_id: int) -> int:
    """The newest event id at a point: one index lookup, polled by every open board."""
    last = (
        TicketEvent.objects.filter(service_point_id=service_point_id)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    return last or 0


def board_state(*, service_point: ServicePoint, now: dt.datetime | None = None) -> dict[str, Any]:
    """What the board shows: each working counter and its current ticket, the latest calls
    with their spoken announcement, and how many wait per category. Six queries, however
    many counters and tickets."""
    today = point_today(service_point=service_point, now=now)
    counters = list(
        Counter.objects.filter(service_point=service_point)
        .exclude(state=CounterState.CLOSED)
        .order_by("number")
    )
    current = dict(
        Ticket.objects.filter(
            service_point=service_point, status__in=AT_COUNTER, counter__isnull=False
        ).values_list("counter_id", "code")
    )
    calls = (
        TicketEvent.objects.filter(
            service_point=service_point,
            kind__in=(EventKind.CALLED, EventKind.RECALLED),
            ticket__day=today,
        )
        .select_related("ticket", "counter")
        .order_by("-id")[:RECENT_CALLS]
    )
    recent = [
        {
            "event_id": event.pk,
            "code": event.ticket.code,
            "counter": event.counter.display_name if event.counter else "",
            "announcement": announcement(
                ticket_code=event.ticket.code,
                counter_label=event.counter.display_name if event.counter else "",
            ),
        }
        for event in calls
    ]
    waiting = dict(
        Ticket.objects.filter(service_point=service_point, day=today, status__in=CALLABLE)
        .values_list("prefix__letter")
        .annotate(n=Count("id"))
    )
    prefixes = QueuePrefix.objects.filter(service_point=service_point).only("letter", "name")
    return {
        "point": service_point.name,
        "last_event_id": board_last_event_id(service_point_id=service_point.pk),
        "counters": [
            {
                "name": counter.display_name,
                "state": counter.state,
                "ticket": current.get(counter.pk, ""),
            }
            for counter in counters
        ],
        "recent": recent,
        "waiting": [
            {"letter": p.letter, "name": p.name, "count": waiting.get(p.letter, 0)}
            for p in prefixes
        ],
    }


# --- One ticket, for the citizen --------------------------------------------------------------
@dataclass(frozen=True)
class TicketPosition:
    ticket: Ticket
    ahead: int
    estimate: dt.timedelta
    counter_name: str


def _same_line(ticket: Ticket) -> Q:
    if ticket.target_counter_id is not None:
        return Q(target_counter_id=ticket.target_counter_id)
    if ticket.agency_id is not None:
        return Q(agency_id=ticket.agency_id, target_counter__isnull=True)
    return Q(prefix_id=ticket.prefix_id, target_counter__isnull=True)


def recent_service_seconds(*, ticket: Ticket) -> list[float]:
    """Service times of the last finished tickets of the same service (else agency) here."""
    same = (
        Q(ticket__service_id=ticket.service_id)
        if ticket.service_id
        else Q(ticket__agency_id=ticket.agency_id)
    )
    finished = dict(
        TicketEvent.objects.filter(
            same, service_point_id=ticket.service_point_id, kind=EventKind.FINISHED
        )
        .order_by("-id")
        .values_list("ticket_id", "at")[:ESTIMATE_SAMPLES]
    )
    started = TicketEvent.objects.filter(
        ticket_id__in=list(finished), kind=EventKind.STARTED
    ).values_list("ticket_id", "at")
    return [(finished[tid] - at).total_seconds() for tid, at in started]


def open_counters_for(*, ticket: Ticket) -> int:
    if ticket.target_counter_id is not None:
        return 1
    counters = Counter.objects.filter(
        service_point_id=ticket.service_point_id, state=CounterState.OPEN
    )
    if ticket.service_id:
        counters = counters.filter(
            Q(services=ticket.service_id) | Q(services__isnull=True, agency_id=ticket.agency_id)
        )
    elif ticket.agency_id:
        counters = counters.filter(agency_id=ticket.agency_id)
    return counters.distinct().count()


def ticket_position(*, ticket: Ticket) -> TicketPosition:
    """People ahead in the same line (issue order; priority calls may move it) and the wait."""
    ahead = 0
    if ticket.status in CALLABLE and ticket.queued_at is not None:
        ahead = (
            Ticket.objects.filter(
                _same_line(ticket),
                service_point_id=ticket.service_point_id,
                status__in=CALLABLE,
            )
            .filter(
                Q(queued_at__lt=ticket.queued_at) | Q(queued_at=ticket.queued_at, id__lt=ticket.pk)
            )
            .count()
        )
    estimate = wait_estimate(
        service_seconds=recent_service_seconds(ticket=ticket) if ahead else [],
        ahead=ahead,
        open_counters=open_counters_for(ticket=ticket) if ahead else 1,
    )
    counter_name = ticket.counter.display_name if ticket.counter_id else ""
    return TicketPosition(ticket=ticket, ahead=ahead, estimate=estimate, counter_name=counter_name)


def ticket_public(
    *, service_point: ServicePoint, code: str, now: dt.datetime | None = None
) -> Ticket | None:
    """Today's ticket with this code at this point (codes restart every local day)."""
    code = code.strip().upper()
    if "-" not in code and len(code) > 1:
        letters = code.rstrip("0123456789")
        code = f"{letters}-{code[len(letters) :]}"
    return (
        Ticket.objects.filter(
            service_point=service_point,
            day=point_today(service_point=service_point, now=now),
            code=code,
        )
        .select_related("counter", "prefix")
        .first()
    )


def ticket_by_booking(*, booking_code: str) -> Ticket | None:
    return (
        Ticket.objects.filter(booking_code=booking_code.strip().upper())
        .select_related("service_point", "slot", "prefix")
        .first()
    )


# --- Staff ------------------------------------------------------------------------------------
def counters_for(*, viewer: Any) -> QuerySet[Counter]:
    return restrict(
        viewer,
        "queueing.operate_counter",
        Counter.objects.select_related("service_point", "agency", "zone"),
    ).order_by("service_point__name", "number")


def counter_get(*, viewer: Any, counter_id: int) -> Counter | None:
    return counters_for(viewer=viewer).filter(pk=counter_id).first()


def counter_current(*, counter: Counter) -> Ticket | None:
    return (
        Ticket.objects.filter(counter=counter, status__in=AT_COUNTER)
        .select_related("service", "agency")
        .first()
    )


def counter_waiting(*, counter: Counter) -> int:
    """How many tickets this counter could call now."""
    service_ids = list(counter.services.values_list("pk", flat=True))
    return Ticket.objects.filter(
        counter_handles_q(counter=counter, service_ids=service_ids),
        service_point_id=counter.service_point_id,
        status__in=CALLABLE,
    ).count()


def may_view_stats(*, viewer: Any, service_point: ServicePoint) -> bool:
    # An unsaved counter stands for "this point": it carries the point's scope fields.
    probe = Counter(service_point=service_point, region_code=service_point.region_id)
    return can(viewer, "queueing.view_stats", probe)


def _event_rows(tickets: QuerySet[Ticket]) -> list[EventRow]:
    events = (
        TicketEvent.objects.filter(ticket__in=tickets)
        .select_related("counter")
        .values_list(
            "ticket_id",
            "kind",
            "at",
            "counter__label",
            "counter__number",
            "ticket__agency__short_name",
            "ticket__service__name",
        )
    )
    return [
        EventRow(
            ticket_id=tid,
            kind=kind,
            at=at,
            counter=label or (f"Loket {number}" if number else ""),
            agency=agency or "",
            service=service or "",
        )
        for tid, kind, at, label, number, agency, service in events
    ]


def day_stats(
    *, viewer: Any, service_point: ServicePoint, day: dt.date
) -> dict[str, dict[Any, Summary]]:
    """Per agency, service, counter and hour for one local day, for those who may see it."""
    tickets = restrict(
        viewer,
        "queueing.view_stats",
        Ticket.objects.filter(service_point=service_point, day=day),
    )
    facts = ticket_facts(_event_rows(tickets), tz=ZoneInfo(service_point.timezone))
    return {by: summarise(facts, by=by) for by in ("agency", "service", "counter", "hour")}


def today_overview(*, viewer: Any, service_point: ServicePoint) -> dict[str, Any]:
    today = point_today(service_point=service_point)
    tickets = restrict(
        viewer,
        "queueing.view_stats",
        Ticket.objects.filter(service_point=service_point, day=today),
    )
    waiting = (
        tickets.filter(status__in=CALLABLE)
        .values("agency__short_name")
        .annotate(n=Count("id"))
        .order_by("agency__short_name")
    )
    stats = day_stats(viewer=viewer, service_point=service_point, day=today)
    everything = Summary()
    for summary in stats["agency"].values():
        everything.tickets += summary.tickets
        everything.served += summary.served
        everything.no_shows += summary.no_shows
        everything.waits += summary.waits
        everything.services += summary.services
    counters = Counter.objects.filter(service_point=service_point).select_related("staff")
    return {
        "day": today,
        "waiting": [(row["agency__short_name"] or "—", row["n"]) for row in waiting],
        "waiting_total": sum(row["n"] for row in waiting),
        "counters": list(counters),
        "open_counters": sum(c.state == CounterState.OPEN for c in counters),
        "total": everything,
        "by_agency": stats["agency"],
        "by_hour": stats["hour"],
        "done_statuses": (TicketStatus.DONE,),
    }
