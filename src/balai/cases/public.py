"""Wording shown to citizens on the tracking page and the receipt (no personal data)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from balai.cases.choices import CaseStatus
from balai.cases.models import Case
from balai.regions.models import Region
from balai.workflow.choices import CITIZEN
from balai.workflow.engine import Workflow


def office_text(case: Case) -> str:
    """The office holding the case, by name: a village office, a kecamatan, an agency."""
    if case.office_agency_id:
        return str(case.office_agency)
    if case.office_region_code:
        region = Region.objects.filter(code=case.office_region_code).first()
        if region is not None:
            if region.level == "district":
                return _("Kantor Kecamatan %(name)s") % {"name": region.name}
            return _("Kantor Desa/Kelurahan %(name)s") % {"name": region.name}
    return ""


def next_step_text(case: Case, workflow: Workflow) -> str:
    if case.status == CaseStatus.ISSUED:
        return _("Produk layanan sudah selesai. Ambil di tempat Anda mengajukan.")
    if case.status == CaseStatus.REJECTED:
        return _("Permohonan ditolak. Tanyakan alasannya di tempat Anda mengajukan.")
    if case.status == CaseStatus.CANCELLED:
        return _("Permohonan dibatalkan.")
    if case.status == CaseStatus.NEEDS_CORRECTION:
        return _(
            "Permohonan perlu diperbaiki. Datang ke tempat Anda mengajukan untuk melengkapinya."
        )
    # The way forward only: not a return, a rejection or a cancellation.
    names = [
        a.name
        for a in workflow.outgoing(case.state)
        if CITIZEN not in a.roles
        and not workflow.state(a.to).waits_on_citizen
        and workflow.state(a.to).outcome in (None, "issued")
    ]
    if not names:
        return _("Permohonan sedang diproses petugas.")
    return _("Menunggu petugas: %(steps)s.") % {"steps": ", ".join(names)}
