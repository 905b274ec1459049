"""Reading the population register. Every read takes the viewer and goes through `restrict`."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from balai.accounts.permissions import restrict
from balai.people.choices import Relationship
from balai.people.models import Family, Resident
from balai.regions.models import Region, name_key, subtree_q

VIEW = "people.view_resident"
VIEW_FULL = "people.view_resident_full"
_DIGITS = re.compile(r"^\d{1,16}$")


_KK_LIST_MAX = 500


def resident_search(
    *,
    viewer: Any,
    query: str = "",
    village: str | None = None,
    status: str | None = None,
    segment: str | None = None,
    today: dt.date | None = None,
) -> QuerySet[Resident]:
    """Residents in the viewer's scope matching a NIK, KK number or name; a lazy queryset,
    so a list page pages it in the database and never holds a village in memory."""
    residents = restrict(viewer, VIEW, Resident.objects.all())
    query = "".join(query.split()) if _DIGITS.match("".join(query.split())) else query.strip()
    if _DIGITS.match(query):
        # A full 16-digit number is a NIK or a KK; fewer digits are the start of either.
        # The KK side is looked up first, on the family table's own index, and handed over as
        # a short list: an OR with a join or a subquery made PostgreSQL scan the whole
        # resident table at a regency's size. A prefix too short to narrow the families down
        # keeps the subquery.
        lookup = "exact" if len(query) == 16 else "startswith"
        if lookup == "startswith":
            # A prefix walked digit by digit recovers a masked NIK (about 140 requests per
            # resident): only where the viewer may open full records anyway (UU 27/2022).
            residents = restrict(viewer, VIEW_FULL, Resident.objects.all())
        families = Family.objects.filter(**{f"kk_number__{lookup}": query}).values_list(
            "pk", flat=True
        )
        few = list(families[: _KK_LIST_MAX + 1])
        family_ids = few if len(few) <= _KK_LIST_MAX else families
        residents = residents.filter(Q(**{f"nik__{lookup}": query}) | Q(family_id__in=family_ids))
    elif query:
        key = name_key(query)
        residents = residents.filter(name_key__contains=key) if key else residents.none()
    if village:
        residents = residents.filter(subtree_q("village__code", village))
    if status:
        residents = residents.filter(status=status)
    if segment:
        from balai.people.segments import segment_q

        residents = residents.filter(segment_q(segment, today or timezone.localdate()))
    return residents.select_related("village").order_by("name_key", "pk")


def is_nik_query(query: str) -> bool:
    """A search for a NIK or KK number (all digits): posted, never put in a URL."""
    return bool(_DIGITS.match("".join(query.split())))


def resident_get(*, viewer: Any, pk: int) -> Resident | None:
    """One full record, or None when it is missing or outside the viewer's full-record scope."""
    return (
        restrict(viewer, VIEW_FULL, Resident.objects.filter(pk=pk))
        .select_related("village__parent__parent", "family")
        .first()
    )


def family_get(*, viewer: Any, pk: int) -> Family | None:
    return (
        restrict(viewer, VIEW_FULL, Family.objects.filter(pk=pk))
        .select_related("village__parent__parent")
        .first()
    )


def family_members(*, viewer: Any, family: Family) -> QuerySet[Resident]:
    """The family's members, head of the family first, then in the KK's usual order."""
    order = Case(
        When(relationship=Relationship.HEAD, then=Value(0)),
        When(relationship__in=[Relationship.HUSBAND, Relationship.WIFE], then=Value(1)),
        When(relationship=Relationship.CHILD, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    return (
        restrict(viewer, VIEW_FULL, Resident.objects.filter(family=family))
        .annotate(_order=order)
        .order_by("_order", "birth_date", "pk")
    )


def villages_in_scope(*, viewer: Any) -> QuerySet[Region]:
    """The villages a viewer may filter residents by (the village level of its region scope)."""
    return restrict(viewer, VIEW, Region.objects.filter(level="village")).order_by("name")
