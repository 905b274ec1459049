"""`balai check`: Django's check, with the database checks of the default database included
unless `--database` names others, so that operational alarms (audit events waiting for the
sequencer) show without an extra flag."""

from __future__ import annotations

from typing import Any

from django.core.management.commands import check


class Command(check.Command):
    def handle(self, *app_labels: str, **options: Any) -> None:
        if not options.get("databases"):
            options["databases"] = ["default"]
        super().handle(*app_labels, **options)
