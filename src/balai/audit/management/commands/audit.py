"""`balai audit verify [--chain 35.10]`: check the audit hash chains; exit 1 when broken.
`balai audit access --since 2026-03-01 [--until ...] [--nik ...] [--region 35.10]`: who read
whose personal data, one JSON line per read (docs/security.md, breach runbook)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from balai.audit.access import access_events
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

        access = sub.add_parser("access", help="Who read whose personal data, since when.")
        access.add_argument("--since", required=True, help="ISO date or date-time (UTC if bare)")
        access.add_argument("--until", help="ISO date or date-time, exclusive")
        access.add_argument("--nik", help="only reads concerning this NIK")
        access.add_argument("--region", help="only events of this region code and below")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "access":
            self._access(options)
            return
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

    def _access(self, options: dict[str, Any]) -> None:
        since, until = _when(options["since"]), _when(options["until"])
        n = 0
        for row in access_events(
            since=since, until=until, nik=options["nik"], region=options["region"]
        ):
            self.stdout.write(json.dumps(row))
            n += 1
        self.stderr.write(f"{n} reads")


def _when(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"not an ISO date: {text}") from exc
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
