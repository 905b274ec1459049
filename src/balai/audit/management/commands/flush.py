"""`balai flush`: Django's flush, able to empty the append-only audit table on SQLite too.

PostgreSQL empties tables with TRUNCATE, which the row triggers do not see. SQLite deletes
row by row, which the audit triggers refuse, so they are lifted for the flush and put back
exactly as they were, in the same transaction. Emptying the whole database (a test or demo
reset) is the only way audit events ever leave it.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands import flush
from django.db import connections, transaction

from balai.audit.models import AuditEvent


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        table = AuditEvent._meta.db_table
        with transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                    [table],
                )
                triggers = cursor.fetchall()
                for name, _sql in triggers:
                    cursor.execute(f'DROP TRIGGER "{name}"')
            super().handle(**options)
            with connection.cursor() as cursor:
                for _name, sql in triggers:
                    cursor.execute(sql)
        return None
