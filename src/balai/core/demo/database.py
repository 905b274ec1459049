"""Starting the demo from an empty database, without ever emptying one by surprise."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connections


class DemoRefused(Exception):
    """The demo would overwrite a database the operator did not hand over to it."""


def _sqlite_path() -> Path | None:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.sqlite3":
        return None
    return Path(str(db["NAME"]))


def _is_demo_file(path: Path) -> bool:
    # Only the default file under var/ is the demo's own to delete.
    return path.resolve().parent == Path(settings.VAR_DIR).resolve()


def database_describe() -> str:
    path = _sqlite_path()
    if path is not None:
        return f"SQLite {path}"
    db = settings.DATABASES["default"]
    return f"PostgreSQL {db.get('NAME')} at {db.get('HOST') or 'localhost'}"


def database_fresh(*, force: bool) -> str:
    """Migrate an empty database; say how it was made empty. Refuse a database not ours."""
    path = _sqlite_path()
    connections["default"].close()
    if path is not None and str(path) == ":memory:":
        raise DemoRefused("the demo needs a database file, not :memory:")
    if path is not None and _is_demo_file(path):
        removed = False
        for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
            if candidate.exists():
                candidate.unlink()
                removed = True
        call_command("migrate", verbosity=0, interactive=False)
        return "deleted and recreated" if removed else "created"
    if not force:
        raise DemoRefused(
            f"the demo empties the database it runs on, and {database_describe()} is not its "
            "own file under var/: add --force to empty it anyway"
        )
    call_command("migrate", verbosity=0, interactive=False)
    call_command("flush", verbosity=0, interactive=False)
    return "emptied (flush)"
