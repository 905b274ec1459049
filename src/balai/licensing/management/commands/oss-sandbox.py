"""`balai oss-sandbox [--port 8700] [--slow-ms N] [--fail-ratio R] [--timeout-ratio R]`.

Serves the sandbox OSS on 127.0.0.1 for a demo, with the KBLI codes of the database. Point Balai
at it with BALAI_OSS_URL=http://127.0.0.1:8700. Faults can be changed while it runs:
POST /_sandbox/faults {"fail_ratio": 0.1, "timeout_ratio": 0.05, "slow_ms": 200, "queue": [...]}.
"""

from __future__ import annotations

import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from balai.licensing.models import KbliCode
from balai.licensing.sandbox import OssSandbox


class Command(BaseCommand):
    help = "Jalankan OSS tiruan (sandbox) di 127.0.0.1 untuk demo dan uji."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8700)
        parser.add_argument("--slow-ms", type=int, default=0)
        parser.add_argument("--fail-ratio", type=float, default=0.0)
        parser.add_argument("--timeout-ratio", type=float, default=0.0)

    def handle(self, *args: Any, **options: Any) -> None:
        codes = set(KbliCode.objects.values_list("code", flat=True))
        if not codes:
            raise CommandError("Belum ada kode KBLI: jalankan `balai load-kbli` dahulu.")
        sandbox = OssSandbox(kbli_codes=codes, port=options["port"])
        sandbox.configure(
            slow_ms=options["slow_ms"],
            fail_ratio=options["fail_ratio"],
            timeout_ratio=options["timeout_ratio"],
        )
        sandbox.start()
        self.stdout.write(json.dumps({"url": sandbox.url, "kbli_codes": len(codes)}))
        self.stdout.flush()
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
        finally:
            sandbox.stop()
