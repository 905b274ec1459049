"""`balai insights-refresh`: bring the dashboards' daily case counts up to yesterday (run on a
timer, e.g. every 15 minutes; docs/operators.md)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from balai.insights.services import refresh_all, refresh_daily_counts


class Command(BaseCommand):
    help = "Rewrite the dashboards' daily case counts of the days that changed, up to yesterday."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--regency", help="only this regency code (e.g. 35.10)")
        parser.add_argument(
            "--full", action="store_true", help="rewrite every day, not only the changed ones"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["regency"]:
            done = [refresh_daily_counts(regency_code=options["regency"], full=options["full"])]
        else:
            done = refresh_all(full=options["full"])
        for r in done:
            self.stdout.write(
                f"{r.regency_code}: {r.days} days rewritten ({r.rows} rows), "
                f"complete through {r.complete_through.isoformat()}"
            )
