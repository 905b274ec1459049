"""System checks of licensing, run by `balai check` (and before `migrate` and `serve`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

from balai.licensing.gateway import gateway_problem


def oss_settings_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """A set but unusable OSS setting is an error: the outreach batch could not start. An unset
    one is an error in production and a warning elsewhere (a demo without licensing runs)."""
    problem = gateway_problem()
    if problem is None:
        return []
    unset = not getattr(settings, "LICENSING_OSS_URL", "")
    hint = "Set BALAI_OSS_URL to the OSS gateway (or `balai oss-sandbox` for a rehearsal)."
    if unset and not getattr(settings, "PRODUCTION", False):
        return [checks.Warning(problem, hint=hint, id="licensing.W001")]
    return [checks.Error(problem, hint=hint, id="licensing.E001")]
