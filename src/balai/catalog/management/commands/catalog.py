"""`balai catalog stats`: the size of the loaded catalog, as one JSON object."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from balai.catalog.stats import catalog_stats


class Command(BaseCommand):
    help = "Catalog reports. `stats` prints counts as one JSON object."

    def add_arguments(self, parser) -> None:
        parser.add_argument("report", choices=["stats"])

    def handle(self, *args, report: str, **options) -> None:
        self.stdout.write(json.dumps(catalog_stats(), sort_keys=True))
