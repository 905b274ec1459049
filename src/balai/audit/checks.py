"""`balai check`: an audit event that the sequencer has not integrated within
AUDIT_PENDING_ALARM_SECONDS means no sequencer is running, or it is failing.

A database check: it runs in `balai check` (which checks the default database unless told
otherwise), not before every command, so the sequencer itself and the web server still start
while the alarm is up."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks
from django.db import DatabaseError


def pending_events_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from balai.audit.services import oldest_pending_age

    try:
        age = oldest_pending_age()
    except DatabaseError:
        return []  # no database yet (before migrate): nothing can be pending
    if age is None or age.total_seconds() <= settings.AUDIT_PENDING_ALARM_SECONDS:
        return []
    return [
        checks.Error(
            f"Audit events have waited {age.total_seconds():.0f} s to enter the audit log.",
            hint="Run `balai audit sequence` (or set BALAI_AUDIT_SEQUENCER=on_commit).",
            id="balai.audit.E001",
        )
    ]
