"""`balai check`: an audit event that the sequencer has not integrated within
AUDIT_PENDING_ALARM_SECONDS means no sequencer is running, or it is failing.

A warning, not an error: every command runs the checks first, and the sequencer itself and the
web server must still start while the alarm is up. `balai check --fail-level WARNING` (and
`check --deploy` in CI) fails on it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks
from django.db import DatabaseError


def pending_events_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from balai.audit.services import oldest_pending_age

    try:
        age = oldest_pending_age()
    except (DatabaseError, RuntimeError):
        # No database yet (before migrate), or none this process may use: nothing to report.
        return []
    if age is None or age.total_seconds() <= settings.AUDIT_PENDING_ALARM_SECONDS:
        return []
    return [
        checks.Warning(
            f"Audit events have waited {age.total_seconds():.0f} s to enter the audit log.",
            hint="Run `balai audit sequence` (or set BALAI_AUDIT_SEQUENCER=on_commit).",
            id="balai.audit.W001",
        )
    ]
