"""`balai load-catalog [DIR]`: validate and load the service catalog from YAML."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from balai.catalog.loading import DATA_DIR, CatalogInvalid, catalog_load


class Command(BaseCommand):
    help = "Validate the catalog files in DIR (default: the packaged catalog) and load them."

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory", nargs="?", default=str(DATA_DIR))
        parser.add_argument("--check", action="store_true", help="validate only, write nothing")

    def handle(self, *args, directory: str, check: bool, **options) -> None:
        path = Path(directory)
        if not path.is_dir():
            raise CommandError(f"not a directory: {path}")
        try:
            # Loaded by the system itself, not by a person: the audit event has no actor.
            result = catalog_load(actor=None, directory=path, check_only=check)
        except CatalogInvalid as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"catalog refused: {len(exc.problems)} problem(s); nothing was written"
            ) from None
        if check:
            self.stdout.write("catalog is valid")
        else:
            self.stdout.write(json.dumps(result.counts, sort_keys=True))
