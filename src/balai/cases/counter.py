"""The counter: where a staff member takes an application on a resident's behalf.

Which service points a staff member serves at, which services are offered there (the office's
most used first), which residents a search finds, and what the register already answers of a
service's form. Reads only (a lookup by number is audited); filing is case_submit.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.permissions import granting, restrict
from balai.audit.services import audit_record
from balai.cases.access import serves_at
from balai.cases.choices import Channel
from balai.cases.models import Case
from balai.catalog.choices import ServicePointKind
from balai.catalog.models import Service, ServicePoint
from balai.catalog.selectors import services_for_point
from balai.people.models import Family, Resident
from balai.people.nik import mask_nik
from balai.regions.models import name_key, subtree_q

VILLAGE_OFFICE_CODE = "kantor-desa-{code}"  # as the catalog loader names village offices


def counter_points(*, viewer: Any) -> list[ServicePoint]:
    """The service points the viewer files applications at."""
    codes: list[str] = []
    ids: list[int] = []
    for a in granting(viewer, "cases.submit"):
        if a.service_point_id is not None:
            ids.append(a.service_point_id)
        elif a.region_id is not None and a.region.level == "village":
            codes.append(VILLAGE_OFFICE_CODE.format(code=a.region_id))
    return list(
        ServicePoint.objects.filter(pk__in=ids) | ServicePoint.objects.filter(code__in=codes)
    )


def counter_services(*, point: ServicePoint) -> QuerySet[Service]:
    return services_for_point(point)


def counter_channel(point: ServicePoint) -> str:
    if point.kind in (ServicePointKind.MPP, ServicePointKind.MARKET_DESK):
        return Channel.MPP_COUNTER
    return Channel.VILLAGE_COUNTER


def counter_family(resident: Resident) -> list[Resident]:
    """Who the applicant may file for: themself and the members of their Kartu Keluarga."""
    if resident.family_id is None:
        return [resident]
    return list(Resident.objects.filter(family_id=resident.family_id).order_by("birth_date"))


# --- finding the resident ---------------------------------------------------------------------
SEARCH_LIMIT = 20
NAME_MIN = 3


@dataclass(frozen=True)
class Found:
    """One search result: enough to tell two people of one name apart, never the full NIK."""

    resident: Resident
    masked_nik: str
    village: str
    birth_date: dt.date


def _may_file_q(*, viewer: Any, point: ServicePoint) -> QuerySet[Resident]:
    """Residents the viewer may file for at `point`: their own region scope, and anyone from
    the point's region when they serve at the point itself (an MPP counter)."""
    residents = restrict(viewer, "cases.submit", Resident.objects.all())
    if serves_at(viewer, point) and point.region_id:
        residents = residents | Resident.objects.filter(subtree_q("village__code", point.region_id))
    return residents


def counter_search(*, viewer: Any, point: ServicePoint, query: str) -> list[Found]:
    """Residents by a full NIK, a full KK number or a name (at least three letters).

    No NIK prefix: a part of a NIK is not a way to find a person at the counter, only to
    enumerate them (UU 27/2022 art. 16: processing limited to its purpose). A lookup by
    number is recorded, like the opening of a full record.
    """
    text = "".join(query.split())
    if re.fullmatch(r"\d{16}", text):
        families = list(Family.objects.filter(kk_number=text).values_list("pk", flat=True)[:50])
        matches = Q(nik=text) | Q(family_id__in=families)
        by = "number"
    elif re.search(r"\d", query) or len(name_key(query)) < NAME_MIN:
        return []
    else:
        matches = Q(name_key__contains=name_key(query))
        by = "name"
    rows = list(
        _may_file_q(viewer=viewer, point=point)
        .filter(matches)
        .select_related("village")
        .order_by("name_key", "birth_date", "pk")
        .distinct()[:SEARCH_LIMIT]
    )
    if by == "number":
        audit_record(
            actor=viewer,
            action="cases.counter_lookup",
            object_type="people.resident",
            region_code=point.region_id,
            after={"by": by, "found": [r.pk for r in rows], "service_point": point.code},
        )
    return [
        Found(r, masked_nik=mask_nik(r.nik), village=r.village.name, birth_date=r.birth_date)
        for r in rows
    ]


def counter_resident_get(*, viewer: Any, point: ServicePoint, pk: Any) -> Resident | None:
    """The resident chosen from the search (or from their own page) by id, in scope."""
    if not str(pk).isdigit():
        return None
    return (
        _may_file_q(viewer=viewer, point=point)
        .filter(pk=int(pk))
        .select_related("family", "village")
        .first()
    )


# --- choosing the service ---------------------------------------------------------------------
TOP_SERVICES = 6
TOP_DAYS = 90


def counter_top_services(
    *, point: ServicePoint, services: list[Service], now: dt.datetime | None = None
) -> list[Service]:
    """The services this office files most in the last 90 days, most first."""
    since = (now or timezone.now()) - dt.timedelta(days=TOP_DAYS)
    counts = dict(
        Case.objects.filter(service_point=point, submitted_at__gte=since)
        .order_by()
        .values_list("service_id")
        .annotate(n=Count("pk"))
        .values_list("service_id", "n")
    )
    used = [s for s in services if counts.get(s.pk)]
    used.sort(key=lambda s: (-counts[s.pk], s.name))
    return used[:TOP_SERVICES]


# --- what the register already holds ----------------------------------------------------------
def resident_address(resident: Resident) -> str:
    parts = [resident.address]
    if resident.rt:
        parts.append(f"RT {resident.rt}/RW {resident.rw}")
    parts += [resident.dusun, resident.village.name]
    return ", ".join(p for p in parts if p)


# Form fields whose answer the register holds, by the name the catalog gives them. The
# citizen is never asked for what the government already knows (Perpres 95/2018, SPBE:
# data collected once and shared).
_FROM_REGISTER = {
    "alamat_domisili": resident_address,
    "alamat": resident_address,
    "alamat_pemohon": resident_address,
    "nama_pemohon": lambda r: r.name,
    "pekerjaan": lambda r: r.occupation,
}


def counter_prefill(*, fields: list[dict], resident: Resident) -> dict[str, str]:
    """Initial answers for the standard's form fields from the applicant's register record.
    The applicant's own NIK is not an answer but the chosen resident (counter_nik_fields)."""
    values = {}
    for field in fields:
        take = _FROM_REGISTER.get(field["name"])
        if take is not None and field.get("type", "text") == "text":
            values[field["name"]] = take(resident) or ""
    return values


APPLICANT_NIK_FIELD = "nik_pemohon"


def counter_nik_fields(
    *, fields: list[dict], posted: dict[str, str], applicant: Resident, family: list[Resident]
) -> tuple[dict[str, str], dict[str, str]]:
    """The NIK fields of the form, filled from residents, never typed.

    The applicant's NIK is the chosen resident's, and a posted value that differs is refused:
    a second, hand-typed NIK is how a letter ends up naming someone else. Another NIK field
    (a parent, a spouse) names a member of the applicant's family by id. Returns (values,
    errors) keyed by field name."""
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    members = {str(m.pk): m for m in family}
    for field in fields:
        if field.get("type") != "resident_nik":
            continue
        name = field["name"]
        given = (posted.get(name) or "").strip()
        if name == APPLICANT_NIK_FIELD:
            if given and given not in (applicant.nik, str(applicant.pk)):
                errors[name] = _("NIK pemohon tidak sama dengan penduduk yang dipilih.")
            values[name] = applicant.nik
        elif given in members:
            values[name] = members[given].nik
        elif given:
            errors[name] = _("Pilih anggota keluarga dari daftar.")
    return values, errors
