"""`balai cases-escalate`: raise overdue cases to their office's supervisor (run on a timer)."""

from django.core.management.base import BaseCommand

from balai.cases.escalation import cases_escalate_overdue


class Command(BaseCommand):
    help = "Raise overdue cases to the supervisor of the office holding them, once each."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--limit", type=int, default=1000)

    def handle(self, *args, limit: int, **options) -> None:
        count = cases_escalate_overdue(limit=limit)
        self.stdout.write(f"escalated {count}")
