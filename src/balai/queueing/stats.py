"""Waiting and service times, no-shows and served counts, computed only from TicketEvent rows.

Wait: from joining the line (issued, or checked in for a booking) to the first call.
Service: from the first start to the finish. Each ticket is counted under the hour (office
local time) it joined the line and under the counter that first called it.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from balai.queueing.choices import EventKind

DIMENSIONS = ("agency", "service", "counter", "hour")


@dataclass(frozen=True)
class EventRow:
    ticket_id: int
    kind: str
    at: dt.datetime
    counter: str = ""
    agency: str = ""
    service: str = ""


@dataclass(frozen=True)
class TicketFacts:
    agency: str
    service: str
    counter: str
    hour: int | None
    wait_seconds: float | None
    service_seconds: float | None
    served: bool
    no_show: bool


@dataclass
class Summary:
    tickets: int = 0
    served: int = 0
    no_shows: int = 0
    waits: list[float] = field(default_factory=list)
    services: list[float] = field(default_factory=list)

    @property
    def wait_avg(self) -> float | None:
        return statistics.fmean(self.waits) if self.waits else None

    @property
    def wait_median(self) -> float | None:
        return statistics.median(self.waits) if self.waits else None

    @property
    def service_avg(self) -> float | None:
        return statistics.fmean(self.services) if self.services else None

    @property
    def service_median(self) -> float | None:
        return statistics.median(self.services) if self.services else None


def ticket_facts(rows: Iterable[EventRow], *, tz: dt.tzinfo) -> list[TicketFacts]:
    """One fact row per ticket, from its events in time order."""
    by_ticket: dict[int, list[EventRow]] = defaultdict(list)
    for row in rows:
        by_ticket[row.ticket_id].append(row)
    facts = []
    for events in by_ticket.values():
        events.sort(key=lambda e: e.at)
        first: dict[str, EventRow] = {}
        last: dict[str, EventRow] = {}
        for event in events:
            first.setdefault(event.kind, event)
            last[event.kind] = event
        joined = first.get(EventKind.CHECKED_IN) or first.get(EventKind.ISSUED)
        called = first.get(EventKind.CALLED)
        started = first.get(EventKind.STARTED)
        finished = last.get(EventKind.FINISHED)
        facts.append(
            TicketFacts(
                agency=events[-1].agency,
                service=events[-1].service,
                counter=called.counter if called else "",
                hour=joined.at.astimezone(tz).hour if joined else None,
                wait_seconds=(called.at - joined.at).total_seconds() if joined and called else None,
                service_seconds=(finished.at - started.at).total_seconds()
                if started and finished
                else None,
                served=finished is not None,
                no_show=EventKind.NO_SHOW in first and finished is None,
            )
        )
    return facts


def summarise(facts: Iterable[TicketFacts], *, by: str) -> dict[str | int, Summary]:
    """Facts grouped by one of DIMENSIONS, keys in sorted order."""
    if by not in DIMENSIONS:
        raise ValueError(f"unknown dimension {by!r}")
    groups: dict[str | int, Summary] = defaultdict(Summary)
    for fact in facts:
        key = getattr(fact, by)
        if key is None or key == "":
            continue
        summary = groups[key]
        summary.tickets += 1
        summary.served += fact.served
        summary.no_shows += fact.no_show
        if fact.wait_seconds is not None:
            summary.waits.append(fact.wait_seconds)
        if fact.service_seconds is not None:
            summary.services.append(fact.service_seconds)
    return dict(sorted(groups.items(), key=lambda item: item[0]))
