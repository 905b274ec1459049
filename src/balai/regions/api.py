"""/api/v1/regions: the Kepmendagri tree. Public reference data (Kepmendagri 300.2.2-2138/2025),
so any signed-in client holding `regions.view` reads all of it; no scope narrows it."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from balai.accounts.api_access import api_require, not_found
from balai.regions.choices import Level
from balai.regions.models import Region
from balai.regions.selectors import region_get, region_search

router = Router(tags=["regions"])
PERM = "regions.view"


class RegionOut(Schema):
    code: str
    name: str
    level: str
    parent_code: str | None = Field(None, alias="parent_id")


# Kepmendagri codes: digits and dots.
CODE = r"^[0-9.]+$"


class ListFilters(Schema):
    parent: str | None = Field(
        None, max_length=13, pattern=CODE, description="list the children of this code"
    )
    level: Level | None = None
    limit: int = Field(100, ge=1, le=1000)
    # Bounded: PostgreSQL refuses an OFFSET beyond bigint (a 500, found by schemathesis).
    offset: int = Field(0, ge=0, le=10_000_000)


class SearchFilters(Schema):
    # PostgreSQL text refuses a NUL byte: refused here as invalid input, not a server error.
    q: str = Field(..., min_length=1, max_length=120, pattern=r"^[^\x00]*$")
    level: Level | None = None
    within: str | None = Field(
        None, max_length=13, pattern=CODE, description="only inside this code"
    )
    limit: int = Field(20, ge=1, le=100)


class RegionPage(Schema):
    count: int
    items: list[RegionOut]


class ErrorOut(Schema):
    code: str
    message: str


_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


@router.get("/", response={200: RegionPage, **_ERRORS}, summary="Regions by parent or level")
def region_list(request: HttpRequest, filters: Query[ListFilters]) -> RegionPage:
    api_require(request, PERM)
    regions = Region.objects.all()
    if filters.parent is not None:
        regions = regions.filter(parent_id=filters.parent)
    elif filters.level is None:
        regions = regions.filter(parent__isnull=True)  # no filter: the provinces
    if filters.level is not None:
        regions = regions.filter(level=filters.level)
    regions = regions.order_by("code")
    items = list(regions[filters.offset : filters.offset + filters.limit])
    return RegionPage(count=regions.count(), items=items)


@router.get("/search", response={200: list[RegionOut], **_ERRORS}, summary="Search by name")
def region_find(request: HttpRequest, filters: Query[SearchFilters]) -> list[Region]:
    api_require(request, PERM)
    return list(
        region_search(filters.q, level=filters.level, within=filters.within, limit=filters.limit)
    )


@router.get("/{code}", response={200: RegionOut, **_ERRORS}, summary="One region by code")
def region_detail(request: HttpRequest, code: str) -> Region:
    api_require(request, PERM)
    region = region_get(code)
    if region is None:
        raise not_found()
    return region
