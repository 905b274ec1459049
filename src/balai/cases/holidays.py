"""The national calendar as data: holidays and cuti bersama per year, each with its decree.

Every year's days are set by a joint decree of the Ministers of Religious Affairs, Manpower and
PANRB (SKB 3 Menteri), published around September for the next year. The decree's days ship as
`data/holidays/<year>.json` (date, kind, name; the decree and where it was announced), and
`balai holidays-load` puts them in the Holiday table the SLA clock reads. A year's file is added
when its decree is out; a December without next year's days is a warning on the dashboards and
in `balai check`, because every SLA due date past New Year would otherwise be too early.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from typing import Any

from django.db import transaction

from balai.audit.services import audit_record
from balai.cases.choices import HolidayKind
from balai.cases.models import Holiday

# From this month on, next year's days must be loaded.
WARN_FROM_MONTH = 12


def bundled_years() -> list[int]:
    folder = resources.files("balai.cases") / "data" / "holidays"
    return sorted(int(f.name[:4]) for f in folder.iterdir() if f.name.endswith(".json"))


def bundled_year(year: int) -> dict[str, Any]:
    path = resources.files("balai.cases") / "data" / "holidays" / f"{year}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def holidays_load(*, actor: Any, data: dict[str, Any]) -> dict[str, int]:
    """Put one year's national days in the calendar; a second run changes nothing."""
    year, decree = int(data["year"]), data["decree"]
    created = updated = 0
    with transaction.atomic():
        for day in data["days"]:
            date = dt.date.fromisoformat(day["date"])
            if date.year != year or day["kind"] not in (
                HolidayKind.NATIONAL,
                HolidayKind.CUTI_BERSAMA,
            ):
                raise ValueError(f"{day['date']} {day['kind']}: not a national day of {year}")
            holiday, made = Holiday.objects.get_or_create(
                date=date,
                kind=day["kind"],
                region_code="",
                defaults={"name": day["name"], "decree": decree},
            )
            if made:
                created += 1
            elif (holiday.name, holiday.decree) != (day["name"], decree):
                holiday.name, holiday.decree = day["name"], decree
                holiday.save(update_fields=["name", "decree"])
                updated += 1
        counts = {"year": year, "created": created, "updated": updated}
        if created or updated:
            audit_record(actor=actor, action="cases.holidays.load", after=counts)
    return counts


def holiday_years_missing(*, today: dt.date) -> list[int]:
    """The years the SLA clock needs but the calendar lacks: this year, and from December on
    next year as well."""
    wanted = [today.year] + ([today.year + 1] if today.month >= WARN_FROM_MONTH else [])
    have = set(
        Holiday.objects.filter(region_code="", date__year__in=wanted)
        .values_list("date__year", flat=True)
        .distinct()
    )
    return [year for year in wanted if year not in have]
