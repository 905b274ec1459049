"""`balai staff create --username U --role R --region/--agency/--service-point X` and
`balai staff list`, for operators setting up an office."""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from balai.accounts.models import StaffRole
from balai.accounts.roles import Role
from balai.accounts.services import staff_create
from balai.catalog.models import Agency, ServicePoint


class Command(BaseCommand):
    help = "Create staff accounts with their role and scope, or list them."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="a staff account with one role")
        create.add_argument("--username", required=True)
        create.add_argument("--role", required=True, choices=[r.value for r in Role])
        create.add_argument("--region", help="region code, e.g. 35.10.05.2001")
        create.add_argument("--agency", help="agency code")
        create.add_argument("--service-point", dest="service_point", help="service point code")
        create.add_argument("--full-name", dest="full_name", default="")
        create.add_argument(
            "--password-env",
            dest="password_env",
            help="read the password from this environment variable instead of a prompt",
        )
        sub.add_parser("list", help="every staff role with its scope")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "create":
            self._create(options)
        else:
            self._list()

    def _password(self, options: dict[str, Any]) -> str:
        if options["password_env"]:
            value = os.environ.get(options["password_env"], "")
            if not value:
                raise CommandError(f"environment variable {options['password_env']} is empty")
            return value
        return getpass.getpass("Password: ")

    def _create(self, options: dict[str, Any]) -> None:
        agency = service_point = None
        if options["agency"]:
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                raise CommandError(f"no agency {options['agency']!r}")
        if options["service_point"]:
            service_point = ServicePoint.objects.filter(code=options["service_point"]).first()
            if service_point is None:
                raise CommandError(f"no service point {options['service_point']!r}")
        try:
            user = staff_create(
                actor=None,
                username=options["username"],
                password=self._password(options),
                role=options["role"],
                region=options["region"],
                agency=agency,
                service_point=service_point,
                full_name=options["full_name"],
            )
        except ValidationError as exc:
            raise CommandError("; ".join(_messages(exc))) from exc
        self.stdout.write(f"created {user.username} as {options['role']}")

    def _list(self) -> None:
        roles = StaffRole.objects.select_related(
            "user", "region", "agency", "service_point"
        ).order_by("user__username", "role")
        for assignment in roles.iterator():
            scope = assignment.region or assignment.agency or assignment.service_point
            state = "" if assignment.user.is_active else " (inactive)"
            self.stdout.write(f"{assignment.user.username}\t{assignment.role}\t{scope}{state}")


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "message_dict"):
        return [f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items()]
    return list(exc.messages)
