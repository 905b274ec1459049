"""Building the demo, step by step, each step through the code the product itself runs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management import call_command, get_commands

from balai.core.demo import citizens, queues, residents, staff
from balai.core.demo.database import database_fresh
from balai.regions.choices import Level
from balai.regions.models import Region
from balai.regions.services import load_regions

RESIDENTS_PER_VILLAGE = 20


@dataclass
class DemoResult:
    database: str
    regions: int
    catalog: bool
    residents: int
    villages: int
    accounts: list[staff.DemoAccount]
    citizens: list[citizens.DemoCitizen] = field(default_factory=list)
    kiosk_point: str = ""
    kiosk_token: str = ""
    queues: list[str] = field(default_factory=list)


def demo_build(
    *,
    residents_total: int | None,
    seed: int,
    force: bool,
    region_prefixes: Sequence[str] = (),
    say: Callable[[str], None] = print,
) -> DemoResult:
    database = database_fresh(force=force)
    say(f"database {database}")
    loaded = load_regions(prefixes=region_prefixes)
    say(f"regions: {loaded.total} loaded")
    catalog = "load-catalog" in get_commands()
    if catalog:
        call_command("load-catalog", verbosity=0, stdout=_Quiet())
        say("catalog loaded")
    else:
        say("catalog not available in this version: skipped")
    regency = Region.objects.get(code=settings.DEMO_REGENCY_CODE)
    villages = list(
        Region.objects.filter(code__startswith=regency.code + ".", level=Level.VILLAGE).order_by(
            "code"
        )
    )
    total = RESIDENTS_PER_VILLAGE * len(villages) if residents_total is None else residents_total
    try:
        written, refused, path = residents.residents_create(
            villages=[v.code for v in villages], total=total, seed=seed
        )
    except residents.ResidentsUnavailable as exc:
        written = 0
        say(f"synthetic residents not available in this version ({exc}): skipped")
    else:
        say(f"residents: {written} for {len(villages)} villages of {regency.name} (seed {seed})")
        say(f"  imported from {path}" + (f"; {refused} rows refused" if refused else ""))
    accounts = staff.demo_staff_create(regency=regency)
    say(f"staff: {len(accounts)} accounts and the superuser admin")
    if catalog:
        # Each office's signing official needs a key before a case can issue its letter.
        call_command("document", "init-signer", "--regency", regency.code, stdout=_Quiet())
        say("signing keys: one per village, kecamatan and regency office")
    extra: dict = {}
    if catalog:
        made = queues_demo(regency=regency)
        extra["queues"] = [q.point.code for q in made]
        say(f"queues: {len(made)} service points with categories, counters and officers")
        extra |= _citizens_and_kiosk(regency=regency, say=say)
    from balai.outreach.demo import outreach_demo_create

    outreach = outreach_demo_create(regency=regency)
    if outreach is not None:
        say(f"outreach day planned: {outreach.title} on {outreach.date} (example KBLI risks)")
    from balai.programs.demo import programs_demo_create

    say(
        "programmes: {accepted} accepted, {refused} refused, {redeemed} redeemed".format(
            **programs_demo_create(regency=regency)
        )
    )
    return DemoResult(database, loaded.total, catalog, written, len(villages), accounts, **extra)


def _citizens_and_kiosk(*, regency: Region, say: Callable[[str], None]) -> dict:
    first = next(iter(queues.demo_villages(regency=regency)), None)
    if first is None:
        return {}
    operator = f"op.{staff.slug(first.name)}"
    people = citizens.citizens_demo_create(village=first, operator=operator)
    say(f"citizens with a PIN: {len(people)} in {first.name}")
    kiosk = citizens.kiosk_demo_create(village=first)
    if kiosk is None:
        return {"citizens": people}
    say(f"kiosk registered at {kiosk[0].name}; token in {citizens.kiosk_token_file()}")
    return {"citizens": people, "kiosk_point": kiosk[0].code, "kiosk_token": kiosk[1]}


def queues_demo(*, regency: Region) -> list[queues.DemoQueue]:
    return queues.queues_demo_create(regency=regency, password=staff.PASSWORD)


class _Quiet:
    def write(self, *_args, **_kwargs) -> None:
        return None

    def flush(self) -> None:
        return None
