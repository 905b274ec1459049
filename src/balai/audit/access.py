"""Who read whose personal data, and when: the list a breach report needs.

UU 27/2022 art. 46 gives 3×24 hours to tell the people concerned and the authority what was
exposed; `balai audit access --since ... [--nik ...]` answers from the audit chain, which
records every full-record read, number search, attachment download and export.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db.models import Q

from balai.audit.models import AuditEvent

# Events that are a read of someone's personal data (each written where the read happens).
ACCESS_ACTIONS = (
    "people.resident.view_full",
    "people.family.view_full",
    "people.resident.searched_number",
    "cases.attachment_downloaded",
    "feedback.complaints_exported",
)


def _about_resident_q(nik: str) -> Q:
    from balai.cases.models import Case, CaseAttachment
    from balai.people.models import Resident

    residents = list(Resident.objects.filter(nik=nik).values_list("pk", "family_id"))
    ids = [str(pk) for pk, _ in residents]
    families = [str(f) for _, f in residents if f]
    cases = Case.objects.filter(Q(applicant__nik=nik) | Q(beneficiary__nik=nik))
    files = [
        str(pk) for pk in CaseAttachment.objects.filter(case__in=cases).values_list("pk", flat=True)
    ]
    q = Q(pk__in=[])
    if ids:
        q |= Q(object_type="people.resident", object_id__in=ids)
        for pk in ids:
            # A number search lists what it found as "12,40,7".
            q |= Q(
                action="people.resident.searched_number",
                object_id__regex=rf"(^|,){pk}(,|$)",
            )
    if families:
        q |= Q(object_type="people.family", object_id__in=families)
    if files:
        q |= Q(action="cases.attachment_downloaded", object_id__in=files)
    return q


def access_events(
    *,
    since: dt.datetime,
    until: dt.datetime | None = None,
    nik: str | None = None,
    region: str | None = None,
) -> Iterator[dict[str, Any]]:
    events = AuditEvent.objects.filter(action__in=ACCESS_ACTIONS, occurred_at__gte=since)
    if until is not None:
        events = events.filter(occurred_at__lt=until)
    if nik:
        events = events.filter(_about_resident_q(nik))
    if region:
        events = events.filter(Q(region_code=region) | Q(region_code__startswith=f"{region}."))
    for e in events.select_related("actor").order_by("occurred_at", "pk").iterator():
        yield {
            "at": e.occurred_at.isoformat(),
            "who": e.actor.username if e.actor else e.actor_label,
            "action": e.action,
            "object": f"{e.object_type}:{e.object_id}",
            "region": e.region_code,
            "ip": e.ip,
            "request_id": e.request_id,
            "event": f"{e.chain}#{e.seq}",
        }
