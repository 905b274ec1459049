"""Generated cases, surveys, complaints and queue tickets over villages, a district, an agency,
a service point and a neighbouring regency, written in bulk (the figures are what is tested,
not the intake)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

import pytest

from tests.fixtures import OTHER_DISTRICT_VILLAGE, OTHER_REGENCY_VILLAGE, OTHER_VILLAGE, VILLAGE

NOW = dt.datetime(2026, 3, 20, 5, 0, tzinfo=dt.UTC)
DISTRICT = "35.10.05"
OFFICES = [VILLAGE, OTHER_VILLAGE, OTHER_DISTRICT_VILLAGE, DISTRICT, "35.10.01"]


@dataclass
class World:
    dukcapil: Any
    other_agency: Any
    mpp: Any
    services: list[Any]
    jember_service: Any
    resident: Any
    jember_resident: Any


@pytest.fixture
def world(make_agency, make_service_point, make_resident) -> World:
    from balai.catalog.models import Service

    dukcapil = make_agency()
    other = make_agency("dpmptsp", name="DPMPTSP", short_name="DPMPTSP")
    jember_agency = make_agency(
        "dukcapil-jember", name="Dukcapil Jember", short_name="Dukcapil Jember", region_id="35.09"
    )
    services = [
        Service.objects.create(code="sk-domisili", name="SK Domisili", status="published"),
        Service.objects.create(
            code="akta-kelahiran", name="Akta Kelahiran", agency=dukcapil, status="published"
        ),
        Service.objects.create(code="izin-usaha", name="Izin Usaha", agency=other),
    ]
    jember = Service.objects.create(code="akta-jember", name="Akta Jember", agency=jember_agency)
    return World(
        dukcapil=dukcapil,
        other_agency=other,
        mpp=make_service_point(),
        services=services,
        jember_service=jember,
        resident=make_resident(),
        jember_resident=make_resident(OTHER_REGENCY_VILLAGE),
    )


def _case(world: World, rng: random.Random, n: int) -> Any:
    from balai.cases.models import Case

    jember = rng.random() < 0.08
    submitted = NOW - dt.timedelta(seconds=rng.randint(0, 120 * 86_400))
    service = world.jember_service if jember else rng.choice(world.services)
    office_region, agency, point = "", None, None
    if jember:
        office_region = OTHER_REGENCY_VILLAGE
    elif service.agency_id:
        agency = service.agency
        point = world.mpp if rng.random() < 0.6 else None
    else:
        office_region = rng.choice(OFFICES)
    due = submitted + dt.timedelta(days=rng.choice([1, 3, 5, 14]), hours=rng.randint(0, 8))
    closed = status = None
    roll = rng.random()
    if roll < 0.65:
        closed = submitted + dt.timedelta(seconds=rng.randint(600, 20 * 86_400))
        status = rng.choice(["issued", "issued", "issued", "rejected", "cancelled"])
        if closed > NOW:
            closed, status = None, None
    paused = NOW - dt.timedelta(days=1) if closed is None and rng.random() < 0.2 else None
    return Case(
        regency_code="35.09" if jember else "35.10",
        tracking_code=f"T{n:07d}",
        service=service,
        service_version=1,
        workflow_code="w",
        workflow_version=1,
        workflow_definition={},
        applicant=world.jember_resident if jember else world.resident,
        beneficiary=world.jember_resident if jember else world.resident,
        channel="village_counter",
        service_point=point,
        state="x",
        status=status or rng.choice(["submitted", "in_process", "needs_correction"]),
        office_region_code=office_region,
        office_agency=agency,
        submitted_at=submitted,
        sla_amount=3,
        sla_unit="working_days",
        sla_paused_at=paused,
        due_at=None if rng.random() < 0.02 else due,
        closed_at=closed,
    )


@pytest.fixture
def generate(world):
    """Writes `n` random cases (and surveys, complaints, tickets) from a seed."""
    from balai.cases.models import Case

    def make(n: int = 400, seed: int = 1) -> World:
        rng = random.Random(seed)
        Case.objects.bulk_create(_case(world, rng, i) for i in range(n))
        _surveys(world, rng)
        _complaints(world, rng)
        _tickets(world, rng)
        return world

    return make


def _surveys(world: World, rng: random.Random) -> None:
    from balai.feedback.models import SurveyResponse

    rows = []
    for _ in range(60):
        agency = rng.random() < 0.5
        rows.append(
            SurveyResponse(
                regency_code="35.10",
                region_code="35.10" if agency else rng.choice([VILLAGE, OTHER_VILLAGE]),
                service=world.services[1] if agency else world.services[0],
                agency=world.dukcapil if agency else None,
                service_point=world.mpp if agency else None,
                channel="kiosk",
                **{f"u{i}": rng.randint(1, 4) for i in range(1, 10)},
                age=30,
                sex="L",
                education="sma",
                occupation="wirausaha",
                submitted_at=NOW - dt.timedelta(hours=rng.randint(0, 60 * 24)),
            )
        )
    SurveyResponse.objects.bulk_create(rows)


def _complaints(world: World, rng: random.Random) -> None:
    from balai.feedback.models import Complaint

    rows = []
    for i in range(40):
        submitted = NOW - dt.timedelta(hours=rng.randint(0, 50 * 24))
        answered = submitted + dt.timedelta(days=rng.randint(1, 9)) if rng.random() < 0.6 else None
        if answered and answered > NOW:
            answered = None
        agency = rng.random() < 0.4
        rows.append(
            Complaint(
                regency_code="35.10",
                tracking_code=f"P{i:06d}",
                channel="web",
                category="pelayanan",
                text="x",
                anonymous=True,
                region_code="35.10" if agency else rng.choice([VILLAGE, OTHER_DISTRICT_VILLAGE]),
                agency=world.dukcapil if agency else None,
                status="answered" if answered else rng.choice(["received", "in_progress"]),
                submitted_at=submitted,
                due_at=submitted + dt.timedelta(days=5),
                answered_at=answered,
                answer="ok" if answered else "",
            )
        )
    Complaint.objects.bulk_create(rows)


def _tickets(world: World, rng: random.Random) -> None:
    from balai.queueing.models import QueuePrefix, Ticket, TicketEvent

    prefix = QueuePrefix.objects.create(
        service_point=world.mpp, letter="A", name="A", agency=world.dukcapil
    )
    for n in range(1, 31):
        issued = NOW - dt.timedelta(days=rng.randint(0, 40), minutes=rng.randint(0, 300))
        ticket = Ticket.objects.create(
            regency_code="35.10",
            region_code="35.10",
            service_point=world.mpp,
            prefix=prefix,
            day=issued.date(),
            number=n,
            code=f"A-{n:03d}",
            agency=world.dukcapil,
            source="kiosk",
            status="done",
            issued_at=issued,
            queued_at=issued,
        )
        called = issued + dt.timedelta(seconds=rng.randint(30, 3600))
        kinds = [("issued", issued), ("called", called)]
        if rng.random() < 0.8:
            started = called + dt.timedelta(seconds=20)
            kinds += [
                ("started", started),
                ("finished", started + dt.timedelta(seconds=rng.randint(60, 900))),
            ]
        else:
            kinds += [("no_show", called + dt.timedelta(minutes=5))]
        TicketEvent.objects.bulk_create(
            TicketEvent(regency_code="35.10", service_point=world.mpp, ticket=ticket, kind=k, at=at)
            for k, at in kinds
        )
