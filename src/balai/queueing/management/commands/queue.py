"""`balai queue setup --point CODE [--category A:Nama:instansi] [--counter 1:Nama:instansi:user]
[--priority lansia,disabilitas,ibu_hamil]`: a queue set up by names, not database ids."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from balai.queueing.choices import PriorityMode
from balai.queueing.errors import QueueError
from balai.queueing.setup import (
    CategorySpec,
    CounterSpec,
    point_by_code,
    priority_policy_set,
    queue_setup,
)


def _category(text: str) -> CategorySpec:
    parts = text.split(":")
    if len(parts) not in (2, 3):
        raise CommandError(f"--category {text!r}: expected LETTER:NAME[:AGENCY]")
    return CategorySpec(parts[0], parts[1], parts[2] if len(parts) == 3 else "")


def _counter(text: str) -> CounterSpec:
    parts = [*text.split(":"), "", "", ""]
    if not parts[0].isdigit():
        raise CommandError(f"--counter {text!r}: expected NUMBER[:LABEL[:AGENCY[:USERNAME]]]")
    return CounterSpec(int(parts[0]), parts[1], parts[2], parts[3])


class Command(BaseCommand):
    help = "Set up a service point's ticket categories, counters and priority policy by name."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        setup = sub.add_parser("setup", help="create or update categories, counters, policy")
        setup.add_argument("--point", required=True, help="service point code (mpp-banyuwangi)")
        setup.add_argument("--category", action="append", default=[], metavar="A:NAME[:AGENCY]")
        setup.add_argument(
            "--counter", action="append", default=[], metavar="N[:LABEL[:AGENCY[:USER]]]"
        )
        setup.add_argument("--priority", help="classes served first, comma-separated")
        setup.add_argument("--mode", choices=PriorityMode.values, default=PriorityMode.EVERY_NTH)
        setup.add_argument("--every-nth", type=int, default=3)
        setup.add_argument("--max-wait", type=int, default=60, help="aging limit in minutes")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            point = point_by_code(options["point"])
            prefixes, counters = queue_setup(
                actor=None,
                point=point,
                categories=[_category(c) for c in options["category"]],
                counters=[_counter(c) for c in options["counter"]],
            )
            if options["priority"] is not None:
                classes = [c.strip() for c in options["priority"].split(",") if c.strip()]
                priority_policy_set(
                    actor=None,
                    point=point,
                    classes=classes,
                    mode=options["mode"],
                    every_nth=options["every_nth"],
                    max_wait_minutes=options["max_wait"],
                )
        except QueueError as exc:
            raise CommandError(f"{exc.code}: {exc.message}") from None
        self.stdout.write(
            f"{point.code}: {len(prefixes)} categories, {len(counters)} counters set up"
        )
