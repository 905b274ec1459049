"""Reading for the kiosk: the device behind a browser, what its citizen may see, and the
admin's lists. Staff reads go through accounts.permissions; a citizen's reads are their own."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from balai.accounts.permissions import granting, restrict
from balai.cases.counter import counter_top_services
from balai.cases.selectors import case_get, case_list_visible
from balai.catalog.models import Service, ServicePoint
from balai.catalog.selectors import services_for_point
from balai.documents.choices import DocumentStatus
from balai.documents.models import Document
from balai.feedback.models import SurveyResponse
from balai.kiosk.choices import KIOSK_CHANNEL
from balai.kiosk.models import KioskDevice, KioskPrintJob
from balai.kiosk.tokens import token_hash
from balai.people.models import Resident
from balai.queueing.models import QueuePrefix
from balai.queueing.selectors import prefixes_for
from balai.regions.models import subtree_q

CITIZEN_LIST_SIZE = 20


# --- the device -----------------------------------------------------------------------------
def device_for_token(token: str | None) -> KioskDevice | None:
    """The active device holding `token`; asked on every kiosk request, so a revoked device
    stops at its next touch."""
    if not token:
        return None
    return (
        KioskDevice.objects.select_related("service_point", "service_point__region")
        .filter(token_hash=token_hash(token), revoked_at__isnull=True)
        .first()
    )


# --- the citizen at the kiosk ---------------------------------------------------------------
def kiosk_services(*, point: ServicePoint) -> list[Service]:
    """Services of the kiosk's point whose standard offers the kiosk channel."""
    services = services_for_point(point).select_related("published_version").order_by("name")
    return [
        s
        for s in services
        if not s.published_version.channels or KIOSK_CHANNEL in s.published_version.channels
    ]


def kiosk_catalog(*, point: ServicePoint, query: str = "", category: str = "") -> dict[str, Any]:
    """What the service page shows: the office's most asked services first (none while the
    citizen searches or browses a category), its categories, and the services that match."""
    services = kiosk_services(point=point)
    categories = sorted({s.published_version.category for s in services if s.published_version})
    words = [w for w in query.casefold().split() if w][:8]
    found = services
    if words:
        found = [s for s in services if all(w in _haystack(s) for w in words)]
    if category:
        found = [s for s in found if s.published_version.category == category]
    top = [] if (words or category) else counter_top_services(point=point, services=services)
    top_codes = {s.code for s in top}
    return {
        "top_services": top,
        "services": [s for s in found if s.code not in top_codes],
        "categories": categories,
        "searching": bool(words or category),
    }


def _haystack(service: Service) -> str:
    version = service.published_version
    words = [service.name, service.code, version.category, *(version.synonyms or [])]
    return " ".join(words).casefold()


def kiosk_service(*, point: ServicePoint, code: str) -> Service | None:
    return next((s for s in kiosk_services(point=point) if s.code == code), None)


def citizen_cases(*, resident: Resident) -> QuerySet[Any]:
    return (
        case_list_visible(viewer=resident)
        .select_related("service", "service_point")
        .order_by("-submitted_at", "-pk")[:CITIZEN_LIST_SIZE]
    )


def citizen_case(*, resident: Resident, pk: int) -> Any:
    return case_get(viewer=resident, pk=pk)


def citizen_documents(*, resident: Resident) -> QuerySet[Document]:
    """The citizen's own documents that are still valid (a revoked one is never printed)."""
    return (
        Document.objects.filter(holder=resident, status=DocumentStatus.ISSUED)
        .exclude(file="")
        .select_related("document_type", "office")
        .order_by("-issued_at", "-pk")[:CITIZEN_LIST_SIZE]
    )


def citizen_document(*, resident: Resident, pk: int) -> Document | None:
    return (
        Document.objects.filter(holder=resident, status=DocumentStatus.ISSUED, pk=pk)
        .exclude(file="")
        .select_related("document_type", "office")
        .first()
    )


def survey_cases(*, resident: Resident) -> list[Any]:
    """The citizen's recent cases not rated yet: a case is rated once (survey_one_per_case)."""
    cases = list(citizen_cases(resident=resident)[:5])
    rated = set(
        SurveyResponse.objects.filter(case__in=[c.pk for c in cases]).values_list(
            "case_id", flat=True
        )
    )
    return [c for c in cases if c.pk not in rated]


def queue_prefixes(*, point: ServicePoint) -> QuerySet[QueuePrefix]:
    """The point's ticket categories; none means the point runs no queue."""
    return prefixes_for(service_point=point).order_by("letter")


# --- the admin ------------------------------------------------------------------------------
def devices_for(*, viewer: Any) -> QuerySet[KioskDevice]:
    return restrict(viewer, "kiosk.manage", KioskDevice.objects.all()).select_related(
        "service_point"
    )


def device_get(*, viewer: Any, pk: int) -> KioskDevice | None:
    return devices_for(viewer=viewer).filter(pk=pk).first()


def points_for(*, viewer: Any) -> QuerySet[ServicePoint]:
    """Service points the viewer may put a kiosk in."""
    q = Q(pk__in=[])
    for a in granting(viewer, "kiosk.manage"):
        if a.service_point_id is not None:
            q |= Q(pk=a.service_point_id)
        elif a.region_id is not None:
            q |= subtree_q("region__code", a.region_id)
    return ServicePoint.objects.filter(q).order_by("name")


def print_jobs_for(*, viewer: Any, device: KioskDevice) -> QuerySet[KioskPrintJob]:
    return (
        restrict(viewer, "kiosk.manage", KioskPrintJob.objects.filter(device=device))
        .select_related("case", "document", "document__document_type")
        .order_by("-printed_at", "-pk")
    )
