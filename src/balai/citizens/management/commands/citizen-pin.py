"""`balai citizen-pin unlock NIK` lifts a PIN lockout; `status NIK` shows the PIN's state."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from balai.citizens.errors import CitizenAuthError
from balai.citizens.models import CitizenPin
from balai.citizens.services import pin_unlock
from balai.people.models import Resident
from balai.people.nik import mask_nik


class Command(BaseCommand):
    help = "Status of a citizen's PIN, or lift its lockout (audited)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["status", "unlock"])
        parser.add_argument("nik")

    def handle(self, *args: Any, **options: Any) -> None:
        resident = Resident.objects.filter(nik=options["nik"]).first()
        if resident is None:
            raise CommandError("Penduduk dengan NIK ini tidak ditemukan.")
        if options["action"] == "unlock":
            try:
                pin_unlock(actor=None, resident=resident)
            except CitizenAuthError as exc:
                raise CommandError(exc.message) from exc
        row = CitizenPin.objects.filter(resident=resident).first()
        self.stdout.write(
            json.dumps(
                {
                    "nik": mask_nik(resident.nik),
                    "pin_set": row is not None,
                    "locked_until": row.locked_until.isoformat()
                    if row and row.locked_until
                    else None,
                    "failed_count": row.failed_count if row else 0,
                }
            )
        )
