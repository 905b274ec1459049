"""`balai holidays-load`: put a year's national holidays and cuti bersama in the calendar."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from balai.cases.holidays import bundled_year, bundled_years, holidays_load


class Command(BaseCommand):
    help = (
        "Load national holidays and cuti bersama (SKB 3 Menteri) from the bundled data, "
        "or from a JSON file of the same shape."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int, help="one bundled year (default: all)")
        parser.add_argument("--file", type=Path, help="a year's JSON file (year, decree, days)")

    def handle(self, *args, year: int | None, file: Path | None, **options) -> None:
        if file is not None:
            sources = [json.loads(file.read_text(encoding="utf-8"))]
        else:
            years = [year] if year else bundled_years()
            if year and year not in bundled_years():
                raise CommandError(f"no bundled holidays for {year}; pass --file")
            sources = [bundled_year(y) for y in years]
        for data in sources:
            counts = holidays_load(actor=None, data=data)
            self.stdout.write(
                f"{counts['year']}: created {counts['created']}, updated {counts['updated']}"
            )
