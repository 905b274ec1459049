"""Reading the catalog. The published catalog is public; drafts need `catalog.view_draft`."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from balai.accounts.permissions import restrict
from balai.catalog.choices import AgencyKind, Provider, ServicePointKind, ServiceStatus
from balai.catalog.models import Agency, Service, ServicePoint, ServiceVersion
from balai.workflow.engine import Workflow
from balai.workflow.models import WorkflowDefinition

_SERVICE_RELATED = ("agency", "published_version", "published_version__workflow")


def services_published() -> QuerySet[Service]:
    """Services the public may apply for, each with its published version at hand."""
    return (
        Service.objects.filter(status=ServiceStatus.PUBLISHED, published_version__isnull=False)
        .select_related(*_SERVICE_RELATED)
        .order_by("name")
    )


def service_get(code: str, *, viewer: Any = None) -> Service | None:
    """A published service by code; a draft or retired one only for staff who may see drafts."""
    found = services_published().filter(code=code).first()
    if found is not None or viewer is None:
        return found
    drafts = restrict(viewer, "catalog.view_draft", Service.objects.filter(code=code))
    return drafts.select_related("agency", "current_version").first()


def services_for_point(point: ServicePoint) -> QuerySet[Service]:
    """Published services offered at `point` (village offices offer the village letters)."""
    offered = Q(published_version__service_points=point)
    if point.kind == ServicePointKind.VILLAGE_OFFICE:
        offered |= Q(published_version__all_village_offices=True)
    return services_published().filter(offered).distinct()


def village_letter_services() -> QuerySet[Service]:
    return services_published().filter(provider=Provider.VILLAGE)


def agency_list() -> QuerySet[Agency]:
    return Agency.objects.select_related("region").order_by("name")


def service_point_list(*, kind: str | None = None) -> QuerySet[ServicePoint]:
    points = ServicePoint.objects.select_related("region").order_by("name")
    return points.filter(kind=kind) if kind else points


def service_versions_for(*, viewer: Any, service: Service) -> QuerySet[ServiceVersion]:
    """Every version of a service, drafts included, for staff whose scope holds it."""
    if not restrict(viewer, "catalog.view_draft", Service.objects.filter(pk=service.pk)).exists():
        return ServiceVersion.objects.none()
    return service.versions.order_by("-number")


def workflow_for(service_version: ServiceVersion) -> Workflow:
    """The workflow a case filed under `service_version` follows, as that version names it."""
    definition: WorkflowDefinition = service_version.workflow
    return definition.workflow


# How the head of each kind of institution is styled on what it signs, and whether that head
# is a civil servant with a NIP (UU 20/2023 ASN): a court is led by its Ketua, a state
# company's unit by its Manager, a bank's branch by its Pemimpin; a kepala desa, a company's
# or a bank's officer has no NIP.
HEAD_WORD: dict[str, str] = {
    AgencyKind.STATE_COMPANY: "Manager",
    AgencyKind.BANK: "Pemimpin",
}
WITHOUT_NIP = frozenset(
    {AgencyKind.VILLAGE, AgencyKind.STATE_COMPANY, AgencyKind.BANK, AgencyKind.SOCIAL_SECURITY}
)


def agency_head(agency: Any) -> tuple[str, bool]:
    """The head's title ("Ketua Pengadilan Agama Banyuwangi") and whether it has a NIP."""
    word = HEAD_WORD.get(agency.kind, "Kepala")
    if agency.name.startswith(("Pengadilan", "Mahkamah")):
        word = "Ketua"
    return f"{word} {agency.name}", agency.kind not in WITHOUT_NIP
