"""Reading complaints: staff lists through the scope filter; public views without personal
data (UU 27/2022: name and contact never leave the office that handles the complaint)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import F, QuerySet
from django.utils.translation import gettext as _

from balai.accounts.permissions import restrict
from balai.cases.tracking import tracking_code_normalise
from balai.feedback.choices import ComplaintStatus
from balai.feedback.complaint_services import MANAGE_PERM, OVERSEE_PERM
from balai.feedback.models import Complaint
from balai.regions.models import Level, Region


@dataclass(frozen=True)
class PublicComplaint:
    """What anyone may read: no name, no contact, and the text only with consent."""

    tracking_code: str
    category: str
    status: str
    office: str
    submitted_at: datetime
    due_at: datetime
    text: str
    answer: str
    answered_at: datetime | None


def complaint_list(*, viewer: Any, status: str = "") -> QuerySet[Complaint]:
    """The complaints the viewer's office handles; escalated and oldest due first."""
    base = Complaint.objects.select_related("agency", "service")
    handled = restrict(viewer, MANAGE_PERM, base)
    overseen = restrict(viewer, OVERSEE_PERM, base.filter(oversight=True))
    qs = base.filter(pk__in=handled.values("pk")) | base.filter(pk__in=overseen.values("pk"))
    if status:
        qs = qs.filter(status=status)
    return qs.order_by(F("escalated_at").desc(nulls_last=True), "due_at", "pk")


def complaint_get(*, viewer: Any, pk: int) -> Complaint | None:
    return complaint_list(viewer=viewer).filter(pk=pk).first()


def _office_names(codes: set[str]) -> dict[str, str]:
    """Region codes as the office a citizen would name (one query for a whole list)."""
    names = {}
    for region in Region.objects.filter(code__in=codes).only("code", "name", "level"):
        if region.level == Level.VILLAGE:
            names[region.code] = _("Kantor Desa/Kelurahan %(name)s") % {"name": region.name}
        elif region.level == Level.DISTRICT:
            names[region.code] = _("Kantor Kecamatan %(name)s") % {"name": region.name}
        else:
            names[region.code] = _("Pemerintah %(name)s") % {"name": region.name}
    return names


def _public(complaint: Complaint, offices: dict[str, str] | None = None) -> PublicComplaint:
    published = complaint.is_published
    if offices is None:
        offices = _office_names({complaint.region_code})
    return PublicComplaint(
        tracking_code=complaint.tracking_code,
        category=complaint.get_category_display(),
        status=complaint.get_status_display(),
        office=(
            str(complaint.agency)
            if complaint.agency
            else offices.get(complaint.region_code, complaint.region_code)
        ),
        submitted_at=complaint.submitted_at,
        due_at=complaint.due_at,
        text=complaint.text if published else "",
        answer=complaint.answer if published else "",
        answered_at=complaint.answered_at,
    )


def complaint_track(*, code: str) -> PublicComplaint | None:
    """The status a tracking code shows. The answer itself is shown to the code holder too:
    they are the complainant, whatever they chose about publication."""
    normal = tracking_code_normalise(code)
    if normal is None:
        return None
    complaint = Complaint.objects.select_related("agency").filter(tracking_code=normal).first()
    if complaint is None:
        return None
    public = _public(complaint)
    return PublicComplaint(**{**public.__dict__, "answer": complaint.answer, "text": ""})


def complaints_published(*, limit: int = 50) -> list[PublicComplaint]:
    """Answered complaints whose complainants agreed to publication, newest answer first."""
    rows = (
        Complaint.objects.select_related("agency")
        .filter(publish_consent=True, answered_at__isnull=False)
        .exclude(answer="")
        .filter(status__in=[ComplaintStatus.ANSWERED, ComplaintStatus.CLOSED])
        .order_by("-answered_at")[:limit]
    )
    rows = list(rows)
    offices = _office_names({c.region_code for c in rows if not c.agency_id})
    return [_public(c, offices) for c in rows]
