"""`balai complaints-escalate`: mark overdue complaints for the supervising office (run on a
timer, like `balai cases-escalate`)."""

from typing import Any

from django.core.management.base import BaseCommand

from balai.feedback.complaint_services import complaints_escalate


class Command(BaseCommand):
    help = "Mark open complaints past their answer date as escalated, once each."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"escalated {complaints_escalate()}")
