"""Counting the catalog, for `balai catalog stats` and the dashboards."""

from __future__ import annotations

from balai.catalog.choices import Provider, ServicePointKind
from balai.catalog.models import Agency, ServicePoint
from balai.catalog.selectors import services_published
from balai.workflow.models import WorkflowDefinition


def catalog_stats() -> dict[str, int]:
    published = services_published()
    mpp_services = published.filter(
        agency__is_mpp_tenant=True,
        published_version__service_points__kind=ServicePointKind.MPP,
    )
    return {
        "mpp_agencies": Agency.objects.filter(is_mpp_tenant=True).count(),
        "mpp_services": mpp_services.values("pk").distinct().count(),
        "published_services": published.count(),
        "village_letter_types": published.filter(provider=Provider.VILLAGE).count(),
        "service_points": ServicePoint.objects.count(),
        "village_offices": ServicePoint.objects.filter(
            kind=ServicePointKind.VILLAGE_OFFICE
        ).count(),
        "workflows": WorkflowDefinition.objects.values("code").distinct().count(),
    }
