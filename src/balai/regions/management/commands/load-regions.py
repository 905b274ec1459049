"""`balai load-regions`: load or refresh the Kepmendagri region table; a second run is a no-op."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from balai.regions.services import DATA_FILE, load_regions


class Command(BaseCommand):
    help = "Load regions from the shipped table (or --file), optionally only some subtrees."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--prefix",
            action="append",
            default=[],
            help="region code whose subtree (with its ancestors) to load; repeatable",
        )
        parser.add_argument("--file", type=Path, default=DATA_FILE, help="CSV (or .csv.gz)")

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        try:
            result = load_regions(actor="balai load-regions", path=path, prefixes=options["prefix"])
        except (KeyError, ValueError) as exc:
            raise CommandError(f"{path} is not a region table (code,name,level): {exc}") from exc
        self.stdout.write(
            f"created {result.created}, updated {result.updated}, unchanged {result.unchanged}"
        )
