"""`balai notifications-send`: deliver the outbox (a long-running worker, or --once)."""

from django.core.management.base import BaseCommand

from balai.notifications.worker import notifications_run


class Command(BaseCommand):
    help = "Send queued notifications through their providers; retries with backoff."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--once", action="store_true", help="one pass, then exit")
        parser.add_argument("--limit", type=int, default=100, help="messages per pass")
        parser.add_argument("--idle", type=float, default=5.0, help="seconds to sleep when idle")

    def handle(self, *args, once: bool, limit: int, idle: float, **options) -> None:
        result = notifications_run(once=once, limit=limit, idle_seconds=idle)
        self.stdout.write(f"sent {result.sent} retried {result.retried} dead {result.dead}")
