"""Reads for outreach days, always through the viewer's scope."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import QuerySet

from balai.accounts.permissions import restrict
from balai.licensing.choices import Certificate, RegistrationStatus
from balai.licensing.models import BusinessRegistration
from balai.outreach.models import OutreachBatch, OutreachEvent


def events_for(viewer: Any) -> QuerySet[OutreachEvent]:
    return restrict(viewer, "outreach.view", OutreachEvent.objects.select_related("village"))


def event_registrations(event: OutreachEvent) -> QuerySet[BusinessRegistration]:
    return BusinessRegistration.objects.filter(outreach_item__event=event)


def batch_latest(event: OutreachEvent) -> OutreachBatch | None:
    return event.batches.order_by("-started_at", "-pk").first()


def event_report(event: OutreachEvent) -> dict[str, Any]:
    """The day in numbers: registrations, NIBs, what each risk level yielded, time per permit,
    and what needs following up (marked for retry, refused by OSS, bad import rows)."""
    registrations = event_registrations(event)
    by_status = Counter(registrations.values_list("status", flat=True))
    by_certificate = Counter(
        registrations.filter(status=RegistrationStatus.ISSUED).values_list("certificate", flat=True)
    )
    by_kbli: Counter[str] = Counter()
    for codes in registrations.values_list("kbli_codes", flat=True):
        by_kbli.update(codes)
    batches = list(event.batches.exclude(finished_at=None))
    seconds = sum((b.finished_at - b.started_at).total_seconds() for b in batches)
    documents = registrations.exclude(document=None).count()
    follow_up = list(
        registrations.filter(
            status__in=[RegistrationStatus.RETRY, RegistrationStatus.REJECTED]
        ).select_related("village")[:200]
    )
    bad_rows = sum(run.bad for run in event.imports.all())
    return {
        "registrations": registrations.count(),
        "by_status": dict(by_status),
        "issued": by_status.get(RegistrationStatus.ISSUED, 0),
        "documents": documents,
        "by_certificate": [
            (str(Certificate(kind).label), count) for kind, count in sorted(by_certificate.items())
        ],
        "top_kbli": by_kbli.most_common(10),
        "batch_seconds": round(seconds, 1),
        "seconds_per_permit": round(seconds / documents, 2) if documents else None,
        "follow_up": follow_up,
        "bad_import_rows": bad_rows,
    }
