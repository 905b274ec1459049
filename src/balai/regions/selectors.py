"""Reading the region tree. Regions are public reference data (Kepmendagri 300.2.2-2138/2025), so
these lookups take no viewer; scope checks apply to what lives in a region, not to the region."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from balai.regions.models import Region, name_key, subtree_q


def region_get(code: str) -> Region | None:
    return Region.objects.filter(code=code).first()


def region_search(
    query: str, level: str | None = None, within: str | None = None, limit: int = 20
) -> QuerySet[Region]:
    """Regions whose name matches ignoring case and spacing ("banyu wangi" finds Banyuwangi),
    exact matches first, then names starting with the query, then names containing it."""
    key = name_key(query)
    if not key:
        return Region.objects.none()
    regions = Region.objects.filter(name_key__contains=key)
    if level:
        regions = regions.filter(level=level)
    if within:
        regions = regions.filter(subtree_q("code", within))
    rank = Case(
        When(name_key=key, then=Value(0)),
        When(name_key__startswith=key, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return regions.annotate(rank=rank).order_by("rank", "name_key", "code")[:limit]
