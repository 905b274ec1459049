"""`balai ikm compute --csv FILE`: the satisfaction index of a survey file, as one JSON object."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from balai.feedback.ikm import ikm_compute
from balai.feedback.ikm_csv import respondents_read_csv


class Command(BaseCommand):
    help = "Indeks Kepuasan Masyarakat (PermenPAN-RB 14/2017) dari berkas CSV u1..u9."
    # A pure computation on a file: it needs neither the database nor the URL map checked.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        compute = sub.add_parser("compute", help="Hitung IKM dari berkas CSV.")
        compute.add_argument("--csv", required=True, type=Path, dest="csv_path")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["csv_path"]
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                rows, issues = respondents_read_csv(lines=handle)
        except OSError as exc:
            raise CommandError(f"Berkas tidak dapat dibaca: {exc}") from exc
        if issues:
            self.stdout.write(
                json.dumps({"errors": [i.as_dict() for i in issues]}, ensure_ascii=False)
            )
            raise CommandError(f"{len(issues)} kesalahan dalam {path}", returncode=1)
        self.stdout.write(json.dumps(ikm_compute(rows=rows).as_dict()))
