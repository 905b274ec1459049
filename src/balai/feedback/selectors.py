"""Reading survey results: always for a viewer, always through the scope filter.

Per-element totals and counts come from SQL aggregates (integers, exact on both databases);
the division and the 1/9 weight happen once, in `feedback.ikm`, so nothing rounds early.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, QuerySet, Sum

from balai.accounts.permissions import restrict
from balai.feedback.choices import RespondentEducation, RespondentOccupation, RespondentSex
from balai.feedback.ikm import ELEMENT_CODES, IkmResult, ikm_from_sums
from balai.feedback.models import SurveyResponse

VIEW_PERM = "feedback.view_ikm"
GROUPS = {
    "service": ("service", "service__name"),
    "agency": ("agency", "agency__name"),
    "service_point": ("service_point", "service_point__name"),
}


@dataclass(frozen=True)
class IkmFilters:
    service_id: int | None = None
    agency_id: int | None = None
    service_point_id: int | None = None
    # Inclusive calendar days in the regency's zone; the fiscal year is the calendar year.
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True)
class IkmReport:
    result: IkmResult | None
    sums: tuple[int, ...]
    by_sex: list[tuple[str, Any, int]] = field(default_factory=list)
    by_education: list[tuple[str, Any, int]] = field(default_factory=list)
    by_occupation: list[tuple[str, Any, int]] = field(default_factory=list)

    @property
    def respondents(self) -> int:
        return self.result.respondents if self.result else 0


@dataclass(frozen=True)
class IkmRow:
    key: int | None
    name: str
    result: IkmResult


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


def survey_responses(*, viewer: Any, filters: IkmFilters) -> QuerySet[SurveyResponse]:
    qs = restrict(viewer, VIEW_PERM, SurveyResponse.objects.all())
    if filters.service_id:
        qs = qs.filter(service_id=filters.service_id)
    if filters.agency_id:
        qs = qs.filter(agency_id=filters.agency_id)
    if filters.service_point_id:
        qs = qs.filter(service_point_id=filters.service_point_id)
    if filters.start:
        qs = qs.filter(submitted_at__gte=_day_start(filters.start))
    if filters.end:
        qs = qs.filter(submitted_at__lt=_day_start(filters.end + dt.timedelta(days=1)))
    return qs


_AGGREGATES = {**{c: Sum(c) for c in ELEMENT_CODES}, "n": Count("id")}


def _result(row: dict[str, Any]) -> IkmResult | None:
    if not row["n"]:
        return None
    return ikm_from_sums(sums=[row[c] for c in ELEMENT_CODES], respondents=row["n"])


def _profile(qs: QuerySet[SurveyResponse], name: str, choices: Any) -> list[tuple[str, Any, int]]:
    counts = dict(qs.order_by().values_list(name).annotate(n=Count("id")))
    return [(value, label, counts.get(value, 0)) for value, label in choices.choices]


def ikm_report(*, viewer: Any, filters: IkmFilters) -> IkmReport:
    """The official report's figures for what the viewer may see under these filters."""
    qs = survey_responses(viewer=viewer, filters=filters)
    row = qs.order_by().aggregate(**_AGGREGATES)
    result = _result(row)
    if result is None:
        return IkmReport(result=None, sums=(0,) * len(ELEMENT_CODES))
    return IkmReport(
        result=result,
        sums=tuple(row[c] for c in ELEMENT_CODES),
        by_sex=_profile(qs, "sex", RespondentSex),
        by_education=_profile(qs, "education", RespondentEducation),
        by_occupation=_profile(qs, "occupation", RespondentOccupation),
    )


def ikm_by(*, viewer: Any, filters: IkmFilters, group: str) -> list[IkmRow]:
    """The index per service, agency or service point, one grouped query."""
    key, label = GROUPS[group]
    rows = (
        survey_responses(viewer=viewer, filters=filters)
        .order_by()
        .values(key, label)
        .annotate(**_AGGREGATES)
        .order_by(label)
    )
    out = []
    for row in rows:
        result = _result(row)
        if result is not None:
            out.append(IkmRow(key=row[key], name=row[label] or "-", result=result))
    return out


def survey_rows(*, viewer: Any, filters: IkmFilters) -> QuerySet[SurveyResponse]:
    """Each respondent's scores and profile for the report's data sheet, oldest first."""
    return (
        survey_responses(viewer=viewer, filters=filters)
        .order_by("submitted_at", "id")
        .values_list(*ELEMENT_CODES, "age", "sex", "education", "occupation", "submitted_at")
    )


def ikm_filter_choices(*, viewer: Any) -> dict[str, QuerySet[Any]]:
    """The services, agencies and service points the viewer has responses for."""
    from balai.catalog.models import Agency, Service, ServicePoint

    seen = restrict(viewer, VIEW_PERM, SurveyResponse.objects.all()).order_by()
    return {
        "services": Service.objects.filter(pk__in=seen.values("service_id")).order_by("name"),
        "agencies": Agency.objects.filter(pk__in=seen.values("agency_id")).order_by("name"),
        "points": ServicePoint.objects.filter(pk__in=seen.values("service_point_id")).order_by(
            "name"
        ),
    }
