"""`balai audit ...`: the regency audit logs (docs/apps/audit.md).

- verify [--chain 35.10] [--checkpoints FILE ...]: check every event, link and signed
  checkpoint (also those published outside the database); exit 1 when anything is wrong.
- sequence [--once] [--interval 0.25]: integrate committed events into the logs and sign
  checkpoints; runs until stopped (the `worker` sequencer), or one pass.
- checkpoint [--chain 35.10]: sign and publish a checkpoint of each log now.
- proof --event ID: the event's inclusion proof against its log's latest checkpoint.
- access --since 2026-03-01 [--until ...] [--nik ...] [--region 35.10]: who read whose
  personal data, one JSON line per read (docs/security.md, breach runbook).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from balai.audit import checkpoints
from balai.audit.access import access_events
from balai.audit.models import AuditEvent, ChainHead
from balai.audit.proofs import inclusion_proof_for, latest_checkpoint
from balai.audit.services import audit_checkpoint_sign, audit_integrate
from balai.audit.verification import audit_verify


class Command(BaseCommand):
    help = "Audit logs: verify, sequence, checkpoint, proof."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        verify = sub.add_parser("verify", help="Check every event, link and checkpoint.")
        verify.add_argument(
            "--chain",
            action="append",
            help="Only this log (a regency code such as 35.10, or - for the global log).",
        )
        verify.add_argument(
            "--checkpoints",
            action="append",
            type=Path,
            default=[],
            help="A file of published checkpoints (kept outside the database) to check against.",
        )
        sequence = sub.add_parser("sequence", help="Integrate pending events, sign checkpoints.")
        sequence.add_argument("--once", action="store_true", help="One pass, then exit.")
        sequence.add_argument("--interval", type=float, default=0.25)
        checkpoint = sub.add_parser("checkpoint", help="Sign and publish a checkpoint now.")
        checkpoint.add_argument("--chain", action="append")
        proof = sub.add_parser("proof", help="An event's inclusion proof.")
        proof.add_argument("--event", type=int, required=True)
        access = sub.add_parser("access", help="Who read whose personal data, since when.")
        access.add_argument("--since", required=True, help="ISO date or date-time (UTC if bare)")
        access.add_argument("--until", help="ISO date or date-time, exclusive")
        access.add_argument("--nik", help="only reads concerning this NIK")
        access.add_argument("--region", help="only events of this region code and below")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['subcommand']}")(options)

    def _verify(self, options: dict[str, Any]) -> None:
        published: list[checkpoints.Note] = []
        for path in options["checkpoints"]:
            try:
                published += checkpoints.parse(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise CommandError(f"cannot read checkpoints from {path}: {exc}") from exc
        report = audit_verify(chains=options["chain"], published=published)
        body = report.as_dict()
        if report.bad_chains:
            body["bad_chains"] = report.bad_chains
        self.stdout.write(json.dumps(body))
        if not report.valid:
            bad = report.first_bad
            raise CommandError(
                f"audit log {bad.chain} is broken at event #{bad.seq} ({bad.problem})",
                returncode=1,
            )

    def _sequence(self, options: dict[str, Any]) -> None:
        while True:
            done = audit_integrate()
            if done.events:
                self.stdout.write(
                    json.dumps({"integrated": done.events, "checkpoints": done.checkpoints})
                )
            if options["once"]:
                return
            if not done.events:
                # Sign what grew since the last checkpoint once the interval has passed.
                for chain in ChainHead.objects.values_list("chain", flat=True):
                    latest = latest_checkpoint(chain)
                    due = latest is None or (
                        time.time() - latest.signed_at.timestamp()
                        >= settings.AUDIT_CHECKPOINT_SECONDS
                    )
                    if due:
                        audit_checkpoint_sign(chain=chain)
                time.sleep(options["interval"])

    def _checkpoint(self, options: dict[str, Any]) -> None:
        chains = options["chain"] or list(ChainHead.objects.values_list("chain", flat=True))
        made = [audit_checkpoint_sign(chain=chain) for chain in chains]
        rows = [{"chain": c.chain, "size": c.tree_size, "root": c.root_hash} for c in made if c]
        self.stdout.write(json.dumps(rows))

    def _proof(self, options: dict[str, Any]) -> None:
        event = AuditEvent.objects.filter(pk=options["event"]).first()
        if event is None:
            raise CommandError("no such audit event")
        checkpoint = latest_checkpoint(event.chain)
        if checkpoint is None or event.seq is None or event.seq > checkpoint.tree_size:
            raise CommandError("the event is not yet covered by a signed checkpoint")
        self.stdout.write(json.dumps(inclusion_proof_for(event, checkpoint)))

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
