"""What a dashboard is about: a village, a district, an agency, a service point or a regency.

A subject is checked once, against the viewer's `insights.view` assignments, through the same
`can()` every app uses (the Region, Agency and ServicePoint scopes registered by their apps);
every figure on the page is then computed for the subject alone. A subject outside the
viewer's scope does not exist for them (404).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from balai.accounts.permissions import can, granting
from balai.catalog.models import Agency, ServicePoint
from balai.regions.choices import Level
from balai.regions.models import Region, regency_code_of, subtree_q

VIEW_PERM = "insights.view"


class Kind:
    VILLAGE = "village"
    DISTRICT = "district"
    REGENCY = "regency"
    AGENCY = "agency"
    SERVICE_POINT = "service_point"


KIND_LABELS = {
    Kind.VILLAGE: _("Desa/kelurahan"),
    Kind.DISTRICT: _("Kecamatan"),
    Kind.REGENCY: _("Kabupaten"),
    Kind.AGENCY: _("Instansi"),
    Kind.SERVICE_POINT: _("Tempat layanan"),
}
_REGION_KINDS = {
    Level.VILLAGE: Kind.VILLAGE,
    Level.DISTRICT: Kind.DISTRICT,
    Level.REGENCY: Kind.REGENCY,
}


@dataclass(frozen=True)
class Subject:
    kind: str
    key: str
    name: str
    regency_code: str
    obj: Any

    @property
    def kind_label(self) -> Any:
        return KIND_LABELS[self.kind]

    @property
    def is_region(self) -> bool:
        return self.kind in (Kind.VILLAGE, Kind.DISTRICT, Kind.REGENCY)

    # --- how each source table is narrowed to the subject ----------------------------------
    def cases_q(self) -> Q:
        """Cases held by the subject's office (where they sit now, or sat when they closed)."""
        if self.kind == Kind.REGENCY:
            return Q(regency_code=self.key)
        if self.kind == Kind.AGENCY:
            return Q(regency_code=self.regency_code, office_agency_id=self.obj.pk)
        if self.kind == Kind.SERVICE_POINT:
            return Q(regency_code=self.regency_code, service_point_id=self.obj.pk)
        if self.kind == Kind.VILLAGE:
            return Q(regency_code=self.regency_code, office_region_code=self.key)
        return Q(regency_code=self.regency_code) & subtree_q("office_region_code", self.key)

    def served_q(self) -> Q:
        """Survey responses and queue tickets: by the office that served."""
        if self.kind == Kind.REGENCY:
            return Q(regency_code=self.key)
        if self.kind == Kind.AGENCY:
            return Q(agency_id=self.obj.pk)
        if self.kind == Kind.SERVICE_POINT:
            return Q(service_point_id=self.obj.pk)
        return subtree_q("region_code", self.key)

    def complaints_q(self) -> Q | None:
        """Complaints by the office responsible; a counter is never responsible for one."""
        if self.kind == Kind.SERVICE_POINT:
            return None
        return self.served_q()


def _region_subject(region: Region) -> Subject | None:
    kind = _REGION_KINDS.get(region.level)
    if kind is None:
        return None
    return Subject(
        kind=kind,
        key=region.code,
        name=region.name,
        regency_code=regency_code_of(region.code) or region.code,
        obj=region,
    )


def subject_find(*, kind: str, key: str) -> Subject | None:
    """The subject named by a URL: a region code, an agency code or a service point code."""
    if kind in (Kind.VILLAGE, Kind.DISTRICT, Kind.REGENCY):
        region = Region.objects.filter(code=key).first()
        subject = _region_subject(region) if region is not None else None
        return subject if subject is not None and subject.kind == kind else None
    if kind == Kind.AGENCY:
        agency = Agency.objects.filter(code=key).select_related("region").first()
        if agency is None or agency.region_id is None:
            return None
        return Subject(
            kind=kind,
            key=agency.code,
            name=str(agency),
            regency_code=regency_code_of(agency.region_id) or agency.region_id,
            obj=agency,
        )
    if kind == Kind.SERVICE_POINT:
        point = ServicePoint.objects.filter(code=key).first()
        if point is None:
            return None
        return Subject(
            kind=kind,
            key=point.code,
            name=point.name,
            regency_code=regency_code_of(point.region_id) or point.region_id,
            obj=point,
        )
    return None


def subject_may_view(*, viewer: Any, subject: Subject) -> bool:
    return can(viewer, VIEW_PERM, subject.obj)


def subject_get(*, viewer: Any, kind: str, key: str) -> Subject | None:
    """The subject if it exists and lies in the viewer's scope, else None (a 404)."""
    subject = subject_find(kind=kind, key=key)
    if subject is None or not subject_may_view(viewer=viewer, subject=subject):
        return None
    return subject


def subjects_home(*, viewer: Any) -> list[Subject]:
    """The dashboards each assignment opens on: its own village, district, regency, agency or
    service point (a regency-wide scope opens on the regency, the regent's view)."""
    found: dict[tuple[str, str], Subject] = {}
    for assignment in granting(viewer, VIEW_PERM):
        subject = None
        if assignment.region_id is not None:
            region = Region.objects.filter(code=assignment.region_id).first()
            subject = _region_subject(region) if region is not None else None
        elif assignment.agency_id is not None:
            subject = subject_find(kind=Kind.AGENCY, key=assignment.agency.code)
        elif assignment.service_point_id is not None:
            subject = subject_find(kind=Kind.SERVICE_POINT, key=assignment.service_point.code)
        if subject is not None:
            found.setdefault((subject.kind, subject.key), subject)
    return list(found.values())


def subject_children(*, subject: Subject) -> list[Subject]:
    """The villages of a district, the districts of a regency: the next level down."""
    if subject.kind not in (Kind.DISTRICT, Kind.REGENCY):
        return []
    regions = Region.objects.filter(parent_id=subject.key).order_by("code")
    return [s for s in (_region_subject(r) for r in regions) if s is not None]


def subject_units(*, subject: Subject) -> dict[str, list[Subject]]:
    """Agencies and service points inside a regency, for its dashboard's links."""
    if subject.kind != Kind.REGENCY:
        return {"agencies": [], "points": []}
    agencies = Agency.objects.filter(subtree_q("region__code", subject.key)).order_by("name")
    points = ServicePoint.objects.filter(subtree_q("region__code", subject.key)).order_by("name")
    return {
        "agencies": [Subject(Kind.AGENCY, a.code, str(a), subject.key, a) for a in agencies],
        "points": [Subject(Kind.SERVICE_POINT, p.code, p.name, subject.key, p) for p in points],
    }
