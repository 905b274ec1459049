"""`balai nik check NIK`: one JSON object saying whether a NIK is valid and what it holds."""

from __future__ import annotations

import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone, translation

from balai.people.nik import InvalidNumber, nik_parse
from balai.regions.models import Region


class Command(BaseCommand):
    help = "NIK tools. `check NIK` prints a JSON verdict; exit status 0 if valid, 1 if not."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="check one NIK against the rules and region table")
        check.add_argument("number")

    def handle(self, *args, **options) -> None:
        try:
            # An operator's terminal reads Bahasa Indonesia, whatever language a caller left on.
            with translation.override(settings.LANGUAGE_CODE):
                info = nik_parse(options["number"], today=timezone.localdate())
        except InvalidNumber as exc:
            verdict = {"valid": False, "errors": [e.as_dict() for e in exc.errors]}
        else:
            region = Region.objects.filter(code=info.district_code).first()
            verdict = {
                "valid": True,
                "sex": info.sex,
                "birth_date": info.birth_date.isoformat(),
                "region": info.district_code,
                "region_name": region.name if region else "",
            }
        self.stdout.write(json.dumps(verdict, ensure_ascii=False))
        if not verdict["valid"]:
            # The verdict is already printed; the status lets scripts branch on it.
            sys.exit(1)
