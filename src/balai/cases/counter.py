"""The counter: where a staff member takes an application on a resident's behalf.

Which service points a staff member serves at, which services are offered there, and which
resident a NIK typed at the counter may be filed for. Reads only; filing is case_submit.
"""

from __future__ import annotations

import re
from typing import Any

from django.db.models import QuerySet

from balai.accounts.permissions import can, granting
from balai.cases.access import serves_at
from balai.cases.choices import Channel
from balai.catalog.choices import ServicePointKind
from balai.catalog.models import Service, ServicePoint
from balai.catalog.selectors import services_for_point
from balai.people.models import Resident

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


def counter_resident(*, viewer: Any, nik: str, point: ServicePoint) -> Resident | None:
    """The resident with this NIK whom the viewer may file for at `point`, if any."""
    if not re.fullmatch(r"\d{16}", nik):
        return None
    for resident in Resident.objects.filter(nik=nik).select_related("family", "village")[:10]:
        if can(viewer, "cases.submit", resident) or serves_at(viewer, point):
            return resident
    return None


def counter_family(resident: Resident) -> list[Resident]:
    """Who the applicant may file for: themself and the members of their Kartu Keluarga."""
    if resident.family_id is None:
        return [resident]
    return list(Resident.objects.filter(family_id=resident.family_id).order_by("birth_date"))
