"""Building the demo, step by step, each step through the code the product itself runs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.management import call_command, get_commands

from balai.core.demo import residents, staff
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
    return DemoResult(database, loaded.total, catalog, written, len(villages), accounts)


class _Quiet:
    def write(self, *_args, **_kwargs) -> None:
        return None

    def flush(self) -> None:
        return None
