"""Staff pages for the population register. Thin: selectors decide what a viewer may see."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from balai.accounts.access import permission_required_scoped
from balai.people.forms import ResidentSearchForm
from balai.people.nik import mask_nik
from balai.people.selectors import family_get, family_members, resident_get, resident_search
from balai.people.services import family_open_full_record, resident_open_full_record

PAGE_SIZE = 25


@permission_required_scoped("people.view_resident")
def resident_list(request: HttpRequest) -> HttpResponse:
    form = ResidentSearchForm(request.GET or None, viewer=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    residents = resident_search(
        viewer=request.user,
        query=filters.get("q", ""),
        village=filters.get("village") or None,
        status=filters.get("status") or None,
        segment=filters.get("segment") or None,
    )
    if form.is_bound and not form.is_valid():
        residents = residents.none()
    page = Paginator(residents, PAGE_SIZE).get_page(request.GET.get("halaman"))
    for resident in page.object_list:
        # UU 27/2022 (personal data): lists show the NIK masked.
        resident.nik_masked = mask_nik(resident.nik)
    query = request.GET.copy()
    query.pop("halaman", None)
    return render(
        request,
        "people/resident_list.html",
        {"form": form, "page": page, "querystring": query.urlencode()},
    )


@permission_required_scoped("people.view_resident_full")
def resident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    resident = resident_get(viewer=request.user, pk=pk)
    if resident is None:
        raise Http404
    # UU 27/2022: every read of a full record is recorded (who saw what, when).
    resident_open_full_record(viewer=request.user, resident=resident)
    return render(request, "people/resident_detail.html", {"resident": resident})


@permission_required_scoped("people.view_resident_full")
def family_detail(request: HttpRequest, pk: int) -> HttpResponse:
    family = family_get(viewer=request.user, pk=pk)
    if family is None:
        raise Http404
    # The KK number and the members' records: recorded like a resident's full record.
    family_open_full_record(viewer=request.user, family=family)
    members = list(family_members(viewer=request.user, family=family))
    for member in members:
        member.nik_masked = mask_nik(member.nik)
    return render(request, "people/family_detail.html", {"family": family, "members": members})
