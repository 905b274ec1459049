"""`balai outreach-run EVENT_ID [--user USERNAME]`: send the day's registrations that have no
NIB yet to OSS (BALAI_OSS_URL) and issue their signed documents. Prints one JSON object; run it
again to retry what was marked for retry: nothing is sent or issued twice."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from balai.licensing.errors import LicensingError
from balai.licensing.gateway import gateway_default
from balai.outreach.models import OutreachEvent
from balai.outreach.services import batch_run, batch_start


class Command(BaseCommand):
    help = "Kirim pendaftaran hari jemput bola ke OSS dan terbitkan dokumen NIB."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("event", type=int)
        parser.add_argument("--user", help="petugas yang tercatat (default: sistem)")

    def handle(self, *args: Any, **options: Any) -> None:
        from balai.accounts.models import User

        event = OutreachEvent.objects.filter(pk=options["event"]).first()
        if event is None:
            raise CommandError("Kegiatan tidak ditemukan.")
        actor = None
        if options["user"]:
            actor = User.objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError("Pengguna tidak ditemukan.")
        try:
            # Before the batch row exists, so a run that cannot reach OSS leaves nothing behind.
            gateway = gateway_default()
        except LicensingError as exc:
            raise CommandError(exc.message) from exc
        batch = batch_run(actor=actor, batch=batch_start(actor=actor, event=event), gateway=gateway)
        fields = (
            "status",
            "total",
            "sent",
            "issued",
            "retry",
            "rejected",
            "documents",
            "merged_paths",
        )
        self.stdout.write(json.dumps({name: getattr(batch, name) for name in fields}))
