"""`balai payments-sync`: ask the gateway about open virtual accounts (a callback may be lost)."""

from django.core.management.base import BaseCommand

from balai.payments.services import bills_sync


class Command(BaseCommand):
    help = "Query the payment gateway for open bills with a virtual account; record payments."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--limit", type=int, default=500)

    def handle(self, *args, limit: int, **options) -> None:
        counts = bills_sync(limit=limit)
        self.stdout.write(
            "checked {checked}, recorded {recorded}, failed {failed}".format(**counts)
        )
