"""/api/v1/residents: search (masked NIK) and one full record (recorded in the audit trail)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from balai.accounts.api_access import api_require, not_found
from balai.people.choices import ResidentStatus, Segment
from balai.people.nik import mask_nik
from balai.people.selectors import resident_get, resident_search
from balai.people.services import resident_open_full_record

router = Router(tags=["residents"])


class ResidentFilters(Schema):
    # PostgreSQL text refuses a NUL byte: refused here as invalid input, not a server error.
    q: str = Field(
        "",
        max_length=120,
        pattern=r"^[^\x00]*$",
        description="NIK, KK number (or their start) or name",
    )
    village: str | None = Field(
        None, max_length=13, pattern=r"^[0-9.]+$", description="village code in scope"
    )
    status: ResidentStatus | None = None
    segment: Segment | None = None
    limit: int = Field(25, ge=1, le=settings.API_PAGE_SIZE_MAX)
    # Bounded: PostgreSQL refuses an OFFSET beyond bigint (a 500, found by schemathesis).
    offset: int = Field(0, ge=0, le=10_000_000)


class ResidentRow(Schema):
    id: int
    nik_masked: str
    name: str
    village_code: str
    village_name: str
    status: str


class ResidentPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ResidentRow]


class FamilyRef(Schema):
    id: int
    kk_number: str


class ResidentFull(Schema):
    id: int
    nik: str
    name: str
    birth_place: str
    birth_date: dt.date
    sex: str
    religion: str
    marital_status: str
    education: str
    occupation: str
    village_code: str
    village_name: str
    dusun: str
    rt: str
    rw: str
    address: str
    status: str
    relationship: str
    family: FamilyRef | None
    # Codes where the record disagrees with its permanent NIK (nik_century, nik_birth_date,
    # nik_sex): flagged for the operator, the register's values stand.
    nik_remarks: list[str] = []


class ErrorOut(Schema):
    code: str
    message: str


_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


@router.get("/", response={200: ResidentPage, **_ERRORS}, summary="Search residents in scope")
def resident_list(request: HttpRequest, filters: Query[ResidentFilters]) -> ResidentPage:
    viewer = api_require(request, "people.view_resident")
    residents = resident_search(
        viewer=viewer,
        query=filters.q,
        village=filters.village,
        status=filters.status,
        segment=filters.segment,
    )
    rows = residents[filters.offset : filters.offset + filters.limit]
    return ResidentPage(
        count=residents.count(),
        limit=filters.limit,
        offset=filters.offset,
        items=[
            ResidentRow(
                id=r.pk,
                nik_masked=mask_nik(r.nik),
                name=r.name,
                village_code=r.village_id,
                village_name=r.village.name,
                status=r.status,
            )
            for r in rows
        ],
    )


@router.get("/{int:resident_id}", response={200: ResidentFull, **_ERRORS}, summary="One resident")
def resident_detail(request: HttpRequest, resident_id: int) -> ResidentFull:
    viewer = api_require(request, "people.view_resident_full")
    resident = resident_get(viewer=viewer, pk=resident_id)
    if resident is None:
        raise not_found()
    # UU 27/2022: every read of a full record is recorded.
    resident_open_full_record(viewer=viewer, resident=resident)
    family = resident.family
    return ResidentFull(
        id=resident.pk,
        nik=resident.nik,
        name=resident.name,
        birth_place=resident.birth_place,
        birth_date=resident.birth_date,
        sex=resident.sex,
        religion=resident.religion,
        marital_status=resident.marital_status,
        education=resident.education,
        occupation=resident.occupation,
        village_code=resident.village_id,
        village_name=resident.village.name,
        dusun=resident.dusun,
        rt=resident.rt,
        rw=resident.rw,
        address=resident.address,
        status=resident.status,
        relationship=resident.relationship,
        family=FamilyRef(id=family.pk, kk_number=family.kk_number) if family else None,
        nik_remarks=[c for c in resident.nik_remarks.split(",") if c],
    )
