"""The public catalog API: search, one published standard, agencies. No authentication.

A published service standard is public (UU 25/2009 art. 21 and 22); drafts are never served.
Errors are {"code", "message"}: a stable English code, a message in Bahasa Indonesia.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from balai.catalog.choices import LifeEvent, Segment
from balai.catalog.models import Agency, ServicePoint
from balai.catalog.search import services_search
from balai.catalog.selectors import agency_list, service_get, services_published
from balai.catalog.standard import standard_from_version
from balai.catalog.views import fee_text, sla_text
from balai.core.api_errors import ApiError

router = Router(tags=["catalog"])
MAX_PAGE_SIZE = 100


# PostgreSQL text refuses a NUL byte: refused here as invalid input, not a server error.
_NO_NUL = r"^[^\x00]*$"


class SearchIn(Schema):
    q: str = Field("", max_length=200, pattern=_NO_NUL, description="words as a citizen types them")
    agency: str | None = Field(None, max_length=40, pattern=_NO_NUL, description="agency code")
    life_event: str | None = Field(None, max_length=40)
    segment: str | None = Field(None, max_length=40)
    point: str | None = Field(
        None, max_length=60, pattern=_NO_NUL, description="service point code"
    )
    page: int = Field(1, ge=1)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


class ServiceSummary(Schema):
    code: str
    name: str
    agency: str | None
    agency_name: str | None
    fee_amount: int
    fee_text: str
    sla: str
    url: str


class SearchOut(Schema):
    count: int
    page: int
    page_size: int
    items: list[ServiceSummary]


class AgencyOut(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    region: str
    is_mpp_tenant: bool
    address: str
    phone: str
    email: str
    website: str


def _check_filters(filters: SearchIn) -> None:
    if filters.life_event and filters.life_event not in LifeEvent.values:
        raise ApiError(400, "unknown_life_event", _("Peristiwa hidup tidak dikenal."))
    if filters.segment and filters.segment not in Segment.values:
        raise ApiError(400, "unknown_segment", _("Kelompok warga tidak dikenal."))
    if filters.agency and not Agency.objects.filter(code=filters.agency).exists():
        raise ApiError(400, "unknown_agency", _("Instansi tidak dikenal."))
    if filters.point and not ServicePoint.objects.filter(code=filters.point).exists():
        raise ApiError(400, "unknown_service_point", _("Tempat layanan tidak dikenal."))


@router.get("/services", response=SearchOut, auth=None)
def services(request: HttpRequest, filters: Query[SearchIn]) -> dict[str, Any]:
    _check_filters(filters)
    codes = services_search(
        query=filters.q,
        agency=filters.agency,
        life_event=filters.life_event,
        segment=filters.segment,
        point=filters.point,
    )
    start = (filters.page - 1) * filters.page_size
    wanted = codes[start : start + filters.page_size]
    found = {s.code: s for s in services_published().filter(code__in=wanted)}
    items = []
    for code in wanted:
        service = found.get(code)
        if service is None:
            continue
        version = service.published_version
        items.append(
            {
                "code": service.code,
                "name": version.name,
                "agency": service.agency.code if service.agency else None,
                "agency_name": service.agency.name if service.agency else None,
                "fee_amount": version.fee_amount,
                "fee_text": fee_text(version.fee_amount),
                "sla": sla_text(version),
                "url": reverse("catalog:service", args=[service.code]),
            }
        )
    return {
        "count": len(codes),
        "page": filters.page,
        "page_size": filters.page_size,
        "items": items,
    }


@router.get("/services/{code}", auth=None)
def service(request: HttpRequest, code: str) -> dict[str, Any]:
    """The published standard in the catalog file's shape, plus display texts."""
    found = service_get(code)
    if found is None or found.published_version is None:
        raise ApiError(404, "service_not_found", _("Layanan tidak ditemukan."))
    version = found.published_version
    standard = standard_from_version(version, code=found.code)
    # Internal routing and review notes are not part of the public standard.
    standard.pop("workflow", None)
    standard.pop("status", None)
    standard["version"] = version.number
    standard["published_at"] = version.published_at
    standard["agency_name"] = found.agency.name if found.agency else None
    standard["fee_text"] = fee_text(version.fee_amount)
    standard["sla_text"] = sla_text(version)
    return standard


@router.get("/agencies", response=list[AgencyOut], auth=None)
def agencies(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "code": a.code,
            "name": a.name,
            "short_name": a.short_name,
            "kind": a.kind,
            "region": a.region_id,
            "is_mpp_tenant": a.is_mpp_tenant,
            "address": a.address,
            "phone": a.phone,
            "email": a.email,
            "website": a.website,
        }
        for a in agency_list()
    ]
