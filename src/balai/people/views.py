"""Staff pages for the population register. Thin: selectors decide what a viewer may see."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from balai.accounts.access import permission_required_scoped
from balai.people.forms import ResidentSearchForm
from balai.people.nik import mask_nik
from balai.people.selectors import (
    family_get,
    family_members,
    is_nik_query,
    resident_get,
    resident_search,
)
from balai.people.services import (
    family_open_full_record,
    resident_open_full_record,
    resident_search_record,
    resident_search_take,
)

PAGE_SIZE = 25


@permission_required_scoped("people.view_resident")
@require_http_methods(["GET", "POST"])
def resident_list(request: HttpRequest) -> HttpResponse:
    """Search by name through the URL; by NIK or KK number only by POST, so no number is
    written into a URL, a browser history or a server log."""
    data = request.POST if request.method == "POST" else request.GET
    form = ResidentSearchForm(data or None, viewer=request.user)
    query = data.get("q", "")
    refusal = ""
    status = 200
    if request.method == "POST" and form.is_valid() and not is_nik_query(query):
        # A name: back to a plain GET, so paging and the back button work.
        params = {k: v for k, v in form.cleaned_data.items() if v}
        return redirect(f"{reverse('people:resident_list')}?{urlencode(params)}")
    if request.method == "GET" and query and is_nik_query(query):
        form = ResidentSearchForm(None, viewer=request.user)
        refusal = _("Cari NIK atau nomor KK melalui kotak pencarian, bukan lewat alamat halaman.")
        status = 400
    elif query and form.is_valid():
        wait = resident_search_take(viewer=request.user)
        if wait:
            refusal = _("Terlalu banyak pencarian. Coba lagi dalam %(s)d detik.") % {"s": wait}
            status = 429
    filters = form.cleaned_data if form.is_bound and form.is_valid() and not refusal else {}
    residents = resident_search(
        viewer=request.user,
        query=filters.get("q", ""),
        village=filters.get("village") or None,
        status=filters.get("status") or None,
        segment=filters.get("segment") or None,
    )
    if refusal or (form.is_bound and not form.is_valid()):
        residents = residents.none()
    page = Paginator(residents, PAGE_SIZE).get_page(request.GET.get("halaman"))
    if filters.get("q") and is_nik_query(filters["q"]):
        resident_search_record(
            viewer=request.user, query=filters["q"], found=[r.pk for r in page.object_list]
        )
    for resident in page.object_list:
        # UU 27/2022 (personal data): lists show the NIK masked.
        resident.nik_masked = mask_nik(resident.nik)
    query_params = request.GET.copy()
    query_params.pop("halaman", None)
    return render(
        request,
        "people/resident_list.html",
        {
            "form": form,
            "page": page,
            "querystring": query_params.urlencode(),
            "refusal": refusal,
        },
        status=status,
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
