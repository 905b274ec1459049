"""The public catalog: search, one service's published standard, agencies and their maklumat.

No login: a service standard is public information (UU 25/2009 art. 21 and 22), so these pages
show only published versions and never a draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai.catalog.choices import (
    Channel,
    LifeEvent,
    Provider,
    RequirementKind,
    SatisfiedBy,
    Segment,
    ServicePointKind,
    SlaUnit,
)
from balai.catalog.models import Agency, Service, ServicePoint, ServiceVersion
from balai.catalog.search import services_search
from balai.catalog.selectors import agency_head, agency_list, service_get, services_published

PAGE_SIZE = 20


def rupiah(amount: int) -> str:
    """Rp30.000: Indonesian digit grouping with dots, no space, no decimals."""
    return "Rp" + f"{amount:,}".replace(",", ".")


def fee_text(amount: int) -> str:
    return _("Gratis") if amount == 0 else rupiah(amount)


def sla_text(version: ServiceVersion) -> str:
    return f"{version.sla_value} {SlaUnit(version.sla_unit).label}"


def _label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


class CatalogFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Cari layanan"), max_length=200, required=False)
    instansi = forms.ChoiceField(label=gettext_lazy("Instansi"), required=False)
    peristiwa = forms.ChoiceField(label=gettext_lazy("Peristiwa hidup"), required=False)
    segmen = forms.ChoiceField(label=gettext_lazy("Kelompok warga"), required=False)
    tempat = forms.ChoiceField(label=gettext_lazy("Tempat layanan"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("Semua"))]
        self.fields["instansi"].choices = everything + [
            (a.code, a.short_name or a.name) for a in agency_list().order_by("short_name")
        ]
        self.fields["peristiwa"].choices = everything + list(LifeEvent.choices)
        self.fields["segmen"].choices = everything + list(Segment.choices)
        points = ServicePoint.objects.order_by("kind", "name").values_list("code", "name", "kind")
        offices = [(c, n) for c, n, k in points if k == ServicePointKind.VILLAGE_OFFICE]
        others = [(c, n) for c, n, k in points if k != ServicePointKind.VILLAGE_OFFICE]
        self.fields["tempat"].choices = everything + others
        if offices:
            self.fields["tempat"].choices += [(str(ServicePointKind.VILLAGE_OFFICE.label), offices)]


def home(request: HttpRequest) -> HttpResponse:
    form = CatalogFilterForm(request.GET or None)
    filters: dict[str, str] = {}
    if form.is_bound and form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v}
    codes = (
        services_search(
            query=filters.get("q", ""),
            agency=filters.get("instansi"),
            life_event=filters.get("peristiwa"),
            segment=filters.get("segmen"),
            point=filters.get("tempat"),
        )
        if not form.errors
        else []
    )
    page = Paginator(codes, PAGE_SIZE).get_page(request.GET.get("halaman"))
    found = {s.code: s for s in services_published().filter(code__in=list(page.object_list))}
    results = [found[c] for c in page.object_list if c in found]
    for service in results:
        service.fee_display = fee_text(service.published_version.fee_amount)
    keep = request.GET.copy()
    keep.pop("halaman", None)
    return render(
        request,
        "catalog/home.html",
        {
            "form": form,
            "page": page,
            "results": results,
            "total": len(codes),
            "searched": bool(filters),
            "query_string": keep.urlencode(),
            "life_events": LifeEvent.choices,
        },
    )


@dataclass(frozen=True)
class RequirementView:
    name: str
    note: str
    kind: str
    upload: bool
    held_by_balai: bool


def _requirements(version: ServiceVersion) -> list[RequirementView]:
    held = {SatisfiedBy.REGISTER, SatisfiedBy.ISSUED_DOCUMENT}
    return [
        RequirementView(
            name=r["name"],
            note=r.get("note") or "",
            kind=_label(RequirementKind, r.get("kind", "")),
            upload=bool(r.get("upload")),
            # The data travels, not the citizen: what the register or an earlier Balai
            # document already proves is never asked for on paper.
            held_by_balai=r.get("satisfied_by") in held,
        )
        for r in version.requirements
    ]


def _published_or_404(code: str) -> Service:
    service = service_get(code)
    if service is None or service.published_version is None:
        raise Http404
    return service


def service_detail(request: HttpRequest, code: str) -> HttpResponse:
    service = _published_or_404(code)
    version = service.published_version
    points = list(version.service_points.select_related("region").order_by("kind", "name"))
    return render(
        request,
        "catalog/service.html",
        {
            "service": service,
            "version": version,
            "requirements": _requirements(version),
            "sla": sla_text(version),
            "fee": fee_text(version.fee_amount),
            "points": points,
            "all_village_offices": version.all_village_offices,
            "channels": [_label(Channel, c) for c in version.channels],
            "life_events": [(e, _label(LifeEvent, e)) for e in version.life_events],
            "segments": [_label(Segment, s) for s in version.segments],
            "provider": _label(Provider, version.provider),
            "legal_bases": version.management.get("dasar_hukum", []),
        },
    )


def _agency_or_404(code: str) -> Agency:
    agency = agency_list().filter(code=code).first()
    if agency is None:
        raise Http404
    return agency


def agencies(request: HttpRequest) -> HttpResponse:
    rows = agency_list().order_by("-is_mpp_tenant", "short_name")
    return render(request, "catalog/agencies.html", {"agencies": rows})


def _agency_services(agency: Agency) -> list[Service]:
    services = list(services_published().filter(agency=agency))
    for service in services:
        service.fee_display = fee_text(service.published_version.fee_amount)
        service.sla_display = sla_text(service.published_version)
    return services


def agency_detail(request: HttpRequest, code: str) -> HttpResponse:
    agency = _agency_or_404(code)
    return render(
        request,
        "catalog/agency.html",
        {
            "agency": agency,
            "services": _agency_services(agency),
            "points": agency.service_points.order_by("kind", "name"),
        },
    )


def agency_maklumat(request: HttpRequest, code: str) -> HttpResponse:
    """The Maklumat Pelayanan (PermenPAN-RB 15/2014): the agency's public pledge to keep its
    standards, signed by its head, printed and posted at the counter."""
    agency = _agency_or_404(code)
    # Dated at the regency's seat: "Banyuwangi, 29 November 2026".
    place = agency.region.name.title() if agency.region_id else ""
    for prefix in ("Kabupaten ", "Kab. ", "Kota "):
        place = place.removeprefix(prefix)
    head_title, head_has_nip = agency_head(agency)
    return render(
        request,
        "catalog/maklumat.html",
        {
            "agency": agency,
            "head_title": head_title,
            "head_has_nip": head_has_nip,
            "place": place,
            "today": timezone.localdate(),
        },
    )
