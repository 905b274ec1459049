"""`balai program list | load [FILE.yaml ...] | apply --program CODE --nik NIK | partner-create`.

Every subcommand prints JSON. `apply` acts as the counter would, with the applicant's
registered business, and exits 1 when the application is refused.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from balai.people.models import Resident
from balai.programs.choices import Channel
from balai.programs.loading import ProgrammeFileError
from balai.programs.models import Programme
from balai.programs.services import application_submit, programme_load
from balai.programs.vouchers import partner_create


class Command(BaseCommand):
    help = "Program bantuan: daftar, muat dari YAML, dan ajukan permohonan seperti di loket."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="daftar program (JSON)")
        load = sub.add_parser("load", help="muat program dari berkas YAML")
        load.add_argument("files", nargs="*", type=Path)
        apply = sub.add_parser("apply", help="ajukan permohonan seperti di loket")
        apply.add_argument("--program", required=True)
        apply.add_argument("--nik", required=True)
        apply.add_argument("--bring", action="append", default=[], help="kode dokumen dibawa")
        apply.add_argument("--bank-account", default="")
        partner = sub.add_parser("partner-create", help="akun mitra logistik; token tampil sekali")
        partner.add_argument("--code", required=True)
        partner.add_argument("--name", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "list":
            rows = [
                {"code": p.code, "name": p.name, "open": p.is_open}
                for p in Programme.objects.order_by("code")
            ]
            self._print(rows)
        elif action == "load":
            try:
                loaded = programme_load(actor=None, paths=options["files"] or None)
            except ProgrammeFileError as exc:
                raise CommandError(str(exc)) from exc
            self._print({"loaded": [p.code for p in loaded]})
        elif action == "partner-create":
            created, token = partner_create(actor=None, code=options["code"], name=options["name"])
            self._print({"partner": created.code, "token": token})
        else:
            self._apply(options)

    def _apply(self, options: dict[str, Any]) -> None:
        programme = Programme.objects.filter(code=options["program"]).first()
        if programme is None:
            raise CommandError(f"unknown programme {options['program']!r}")
        resident = (
            Resident.objects.filter(nik=options["nik"], regency_code=programme.regency_id)
            .select_related("family")
            .first()
        ) or Resident.objects.filter(nik=options["nik"]).select_related("family").first()
        if resident is None:
            self._print(
                {
                    "status": "refused",
                    "application": None,
                    "reasons": [{"code": "unknown_nik", "message": "NIK tidak terdaftar."}],
                }
            )
            sys.exit(1)
        result = application_submit(
            actor=None,
            programme=programme,
            resident=resident,
            channel=Channel.COUNTER,
            brought={code: True for code in options["bring"]},
            bank_account=options["bank_account"],
        )
        self._print(result.as_dict())
        if not result.accepted:
            sys.exit(1)

    def _print(self, value: Any) -> None:
        self.stdout.write(json.dumps(value, ensure_ascii=False))
