"""`balai token create --user U [--name N] [--days D]` and `balai token revoke PREFIX`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from balai.accounts.models import User
from balai.accounts.services import token_create, token_revoke


class Command(BaseCommand):
    help = "Create or revoke API tokens. The key is printed once; only its hash is stored."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="issue a token for a staff account")
        create.add_argument("--user", required=True)
        create.add_argument("--name", default="cli", help="what the token is for (default cli)")
        create.add_argument(
            "--days", type=int, default=None, help="expires after N days (default API_TOKEN_DAYS)"
        )
        revoke = sub.add_parser("revoke", help="revoke the live tokens with this prefix")
        revoke.add_argument("prefix")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "create":
            self._create(options)
        else:
            self._revoke(options["prefix"])

    def _create(self, options: dict[str, Any]) -> None:
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {options['user']!r}")
        if options["days"] is not None and options["days"] < 1:
            raise CommandError("--days must be 1 or more")
        issued = token_create(actor=None, user=user, name=options["name"], days=options["days"])
        expiry = issued.token.expires_at.isoformat()
        self.stderr.write(
            f"token {issued.token.prefix}… for {user.username} (expires: {expiry}); "
            "the key below is shown only now"
        )
        self.stdout.write(issued.key)

    def _revoke(self, prefix: str) -> None:
        revoked = token_revoke(actor=None, prefix=prefix)
        if not revoked:
            raise CommandError(f"no live token with prefix {prefix!r}")
        for token in revoked:
            self.stdout.write(f"revoked {token.prefix}… ({token.name}, {token.user.username})")
