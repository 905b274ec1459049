"""`balai load-kbli [FILE.csv] [--edition 2020] [--risk FILE.csv [--example]]`.

Without FILE: `licensing/data/kbli2020.csv.gz` when it has been supplied, otherwise the shipped
sample of real codes; the sample's example risk table comes with it. Prints one JSON object.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from balai.licensing.choices import KBLI_EDITION
from balai.licensing.kbli import (
    RISK_EXAMPLE_FILE,
    SAMPLE_FILE,
    KbliFileError,
    default_file,
    kbli_load,
    kbli_risk_load,
)


class Command(BaseCommand):
    help = "Muat kode KBLI (CSV: kode,judul) dan, bila diberikan, tabel risiko (kode,risiko)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", type=Path)
        parser.add_argument("--edition", default=KBLI_EDITION)
        parser.add_argument("--risk", type=Path, help="CSV kode,risiko")
        parser.add_argument("--example", action="store_true", help="tabel risiko hanya contoh")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"] or default_file()
        try:
            codes = kbli_load(path=path, edition=options["edition"])
            risk_path = options["risk"]
            example = options["example"]
            if risk_path is None and path == SAMPLE_FILE:
                risk_path, example = RISK_EXAMPLE_FILE, True
            risks = (
                kbli_risk_load(path=risk_path, edition=options["edition"], is_example=example)
                if risk_path
                else None
            )
        except (OSError, KbliFileError) as exc:
            raise CommandError(str(exc)) from exc
        summary = {
            "file": codes.file,
            "edition": options["edition"],
            "rows": codes.rows,
            "created": codes.created,
            "updated": codes.updated,
            "sample_only": path == SAMPLE_FILE,
            "risk": None
            if risks is None
            else {"file": risks.file, "rows": risks.rows, "example": example},
        }
        self.stdout.write(json.dumps(summary))
