"""Tampering with the audit table as someone with the database's own rights would."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection


@contextmanager
def triggers_lifted() -> Iterator[None]:
    """Lift the append-only triggers, as a superuser or the owner of the SQLite file can."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # ALTER TABLE waits for no deferred foreign-key checks of this transaction.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
            try:
                yield
            finally:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER USER")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            return
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_auditevent'"
        )
        saved = [row[0] for row in cursor.fetchall()]
        assert len(saved) == 2
        cursor.execute("DROP TRIGGER audit_event_no_update")
        cursor.execute("DROP TRIGGER audit_event_no_delete")
        try:
            yield
        finally:
            for sql in saved:
                cursor.execute(sql)


def raw(sql: str, params: list | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])


@pytest.fixture
def tamper():
    def run(sql: str, params: list | None = None) -> None:
        with triggers_lifted():
            raw(sql, params)

    return run
