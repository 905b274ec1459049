"""Reading the region tree (minimal, until the full search lands here)."""

from __future__ import annotations

from django.db.models import QuerySet

from balai.regions.models import Region, name_key, subtree_q


def region_get(code: str) -> Region | None:
    return Region.objects.filter(code=code).first()


def region_search(
    query: str, level: str | None = None, within: str | None = None, limit: int = 20
) -> QuerySet[Region]:
    regions = Region.objects.filter(name_key__contains=name_key(query))
    if level:
        regions = regions.filter(level=level)
    if within:
        regions = regions.filter(subtree_q("code", within))
    return regions.order_by("level", "name")[:limit]
