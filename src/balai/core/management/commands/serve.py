"""`balai serve [--port 8000]`: serve Balai on 127.0.0.1 for a demo or a single machine.

Django's development server without the reloader; static files come through WhiteNoise.
A public installation runs a WSGI server behind TLS instead (docs/operators.md).
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve Balai on http://127.0.0.1:PORT (demo and single-machine use)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args: Any, **options: Any) -> None:
        address = f"{options['host']}:{options['port']}"
        self.stdout.write(f"Balai at http://{address}/ (Ctrl+C stops it)")
        call_command("runserver", address, use_reloader=False)
