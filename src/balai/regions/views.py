"""Browsing the region tree: one region and its children, for staff."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from balai.accounts.access import permission_required_scoped
from balai.regions.models import Region


@permission_required_scoped("regions.view")
def region_browse(request: HttpRequest, code: str | None = None) -> HttpResponse:
    region = None
    if code is not None:
        region = Region.objects.select_related("parent__parent__parent").filter(code=code).first()
        if region is None:
            raise Http404
    children = Region.objects.filter(parent=region).order_by("code").only("code", "name", "level")
    ancestors = []
    node = region.parent if region else None
    while node is not None:
        ancestors.insert(0, node)
        node = node.parent
    return render(
        request,
        "regions/browse.html",
        {"region": region, "children": children, "ancestors": ancestors},
    )
