"""Reads for licensing, always through the viewer's scope."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from balai.accounts.permissions import restrict
from balai.licensing.models import BusinessRegistration


def registrations_for(viewer: Any, *, status: str | None = None) -> QuerySet[BusinessRegistration]:
    rows = restrict(viewer, "licensing.view", BusinessRegistration.objects.select_related("owner"))
    return rows.filter(status=status) if status else rows
