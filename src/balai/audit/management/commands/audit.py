"""`balai audit verify [--chain 35.10]`: check the audit hash chains; exit 1 when broken."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from balai.audit.verification import audit_verify


class Command(BaseCommand):
    help = "Audit trail tools. verify: check every hash chain; exit status 1 when one is broken."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        verify = sub.add_parser("verify", help="Recompute every hash and link, in order.")
        verify.add_argument(
            "--chain",
            action="append",
            help="Only this chain (a regency code such as 35.10, or - for the global chain).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_verify(chains=options["chain"])
        body = report.as_dict()
        if report.bad_chains:
            body["bad_chains"] = report.bad_chains
        self.stdout.write(json.dumps(body))
        if not report.valid:
            bad = report.first_bad
            raise CommandError(
                f"audit chain {bad.chain} is broken at event #{bad.seq} ({bad.problem})",
                returncode=1,
            )
