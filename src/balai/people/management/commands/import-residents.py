"""`balai import-residents FILE`: load residents from a CSV or XLSX export."""

from __future__ import annotations

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from balai.people.importing import BATCH_SIZE, residents_import
from balai.people.tabular import TableError


class Command(BaseCommand):
    help = "Import residents from CSV (UTF-8, ',' or ';') or XLSX; prints a JSON summary last."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--report", type=Path, help="where to write the bad-row report (CSV)")
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument("--user", help="username the audit event names as the actor")

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        actor = "balai import-residents"
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"no such user: {options['user']}")
        try:
            summary = residents_import(
                actor=actor,
                path=path,
                report_path=options["report"],
                dry_run=options["dry_run"],
                batch_size=options["batch_size"],
                progress=not options["no_progress"],
            )
        except TableError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(json.dumps(summary.as_dict(), ensure_ascii=False))
