"""Queues for the demo: every ticket category, counter and officer of the MPP, both market
desks and two village offices, set up through the same service a staff member uses, with the
priority policy the law asks for (lansia, disabilitas, ibu hamil first)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from balai.accounts.models import User
from balai.catalog.choices import VILLAGE_OFFICE_PREFIX, ServicePointKind
from balai.catalog.models import ServicePoint
from balai.queueing.choices import PriorityClass, PriorityMode
from balai.queueing.setup import CategorySpec, CounterSpec, priority_policy_set, queue_setup
from balai.regions.models import Region

# Sumberberas (Muncar) is the demo's first village; Kemiren (Glagah) the second.
DEMO_VILLAGE_NAMES = ("SUMBERBERAS", "KEMIREN")
PRIORITY = (PriorityClass.ELDERLY, PriorityClass.DISABILITY, PriorityClass.PREGNANT)
# Strict priority, with aging as the fairness rule: an ordinary ticket waiting 30 minutes
# is called before any priority ticket, so a long priority line never starves the rest.
MAX_WAIT_MINUTES = 30
FIRST_AGENCY = "dispendukcapil"
LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I or O: they read as 1 and 0 on a board


@dataclass(frozen=True)
class DemoQueue:
    point: ServicePoint
    officers: list[str]


def _officer(username: str, full_name: str, password: str) -> str:
    if not User.objects.filter(username=username).exists():
        User.objects.create(username=username, full_name=full_name, password=password)
    return username


def demo_villages(*, regency: Region) -> list[Region]:
    found = []
    for name in DEMO_VILLAGE_NAMES:
        village = (
            Region.objects.filter(
                code__startswith=regency.code + ".", level="village", name__iexact=name
            )
            .order_by("code")
            .first()
        )
        if village is not None:
            found.append(village)
    return found


def queues_demo_create(*, regency: Region, password: str) -> list[DemoQueue]:
    encoded = make_password(password)
    points = list(
        ServicePoint.objects.filter(
            region__code__startswith=regency.code,
            kind__in=[ServicePointKind.MPP, ServicePointKind.MARKET_DESK],
        ).order_by("kind", "code")
    )
    done: list[DemoQueue] = []
    for point in points:
        # Dispendukcapil first (A, counter 1): it serves the most people in every hall.
        agencies = sorted(point.agencies.all(), key=lambda a: (a.code != FIRST_AGENCY, a.code))
        agencies = agencies[: len(LETTERS)]
        if point.kind == ServicePointKind.MPP:
            # Each agency's own officer works its counter; mpp.loket the first one.
            officers = ["mpp.loket"] + [f"petugas.{a.code}" for a in agencies[1:]]
        else:
            place = point.code.removeprefix("pasar-")
            officers = [
                _officer(f"loket.{place}.{n}", f"Petugas Loket {point.name} {n}", encoded)
                for n in range(1, len(agencies) + 1)
            ]
        queue_setup(
            actor=None,
            point=point,
            categories=[
                CategorySpec(LETTERS[i], a.short_name, a.code) for i, a in enumerate(agencies)
            ],
            counters=[
                CounterSpec(i + 1, f"Loket {i + 1} {a.short_name}", a.code, officers[i])
                for i, a in enumerate(agencies)
            ],
        )
        _policy(point)
        done.append(DemoQueue(point, officers))
    for village in demo_villages(regency=regency):
        point = ServicePoint.objects.filter(code=f"{VILLAGE_OFFICE_PREFIX}{village.code}").first()
        if point is None:
            continue
        officer = _officer(
            f"loket.{village.name.casefold()}", f"Petugas Loket {point.name}", encoded
        )
        queue_setup(
            actor=None,
            point=point,
            categories=[CategorySpec("A", "Layanan desa")],
            counters=[CounterSpec(1, "Loket 1 Pelayanan", "", officer)],
        )
        _policy(point)
        done.append(DemoQueue(point, [officer]))
    return done


def _policy(point: ServicePoint) -> None:
    priority_policy_set(
        actor=None,
        point=point,
        classes=PRIORITY,
        mode=PriorityMode.STRICT,
        max_wait_minutes=MAX_WAIT_MINUTES,
    )
