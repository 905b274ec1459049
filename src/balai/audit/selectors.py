"""Reading the audit trail. Every read takes the viewer and goes through `restrict`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from balai.accounts.permissions import restrict
from balai.audit.models import AuditEvent

VIEW = "audit.view"


def audit_events(
    *,
    viewer: Any,
    action: str = "",
    actor: str = "",
    object_type: str = "",
    object_id: str = "",
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> QuerySet[AuditEvent]:
    """Events in the viewer's scope, newest first; a lazy queryset for paging in the database.

    An auditor sees the events of the regions they are scoped to; events with no region
    (the global chain) only a superuser sees.
    """
    events = restrict(viewer, VIEW, AuditEvent.objects.all())
    if action:
        # Actions are dotted ("cases.approve_village"): a prefix picks a whole app.
        events = events.filter(action__startswith=action)
    if actor:
        events = events.filter(actor_label__icontains=actor)
    if object_type:
        events = events.filter(object_type=object_type)
    if object_id:
        events = events.filter(object_id=object_id)
    if since:
        events = events.filter(occurred_at__gte=since)
    if until:
        events = events.filter(occurred_at__lt=until)
    return events.order_by("-occurred_at", "-id")


def audit_event_get(*, viewer: Any, pk: int) -> AuditEvent | None:
    return restrict(viewer, VIEW, AuditEvent.objects.filter(pk=pk)).first()
