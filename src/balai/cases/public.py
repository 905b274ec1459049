"""Wording shown to citizens on the tracking page and the receipt (no personal data)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai.accounts.roles import Role
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
    forward = [
        a
        for a in workflow.outgoing(case.state)
        if CITIZEN not in a.roles
        and not workflow.state(a.to).waits_on_citizen
        and workflow.state(a.to).outcome in (None, "issued")
    ]
    if not forward:
        return _("Permohonan sedang diproses petugas.")
    step = forward[0]
    who = [_public_role(case, role) for role in sorted(step.roles)]
    return _("Menunggu %(what)s %(who)s.") % {
        "what": _ACTION_NOUNS.get(step.code, _("tindakan")),
        "who": _(" atau ").join(dict.fromkeys(who)),
    }


# What the citizen waits for, by the workflow's action codes (catalog/data/workflows.yaml);
# an action not listed reads as "tindakan".
_ACTION_NOUNS = {
    "verify": gettext_lazy("pemeriksaan oleh"),
    "accept": gettext_lazy("penerimaan berkas oleh"),
    "sign": gettext_lazy("persetujuan"),
    "endorse": gettext_lazy("persetujuan"),
    "approve": gettext_lazy("persetujuan"),
    "review": gettext_lazy("kajian teknis oleh"),
    "complete": gettext_lazy("penyelesaian oleh"),
}

_ROLE_PUBLIC = {
    Role.OPERATOR_DESA: gettext_lazy("petugas kantor desa/kelurahan"),
    Role.OPERATOR_KECAMATAN: gettext_lazy("petugas kantor kecamatan"),
    Role.CAMAT: gettext_lazy("Camat"),
    Role.PETUGAS_INSTANSI: gettext_lazy("petugas instansi"),
    Role.PETUGAS_LOKET: gettext_lazy("petugas loket"),
}


def _public_role(case: Case, role: str) -> str:
    if role == Role.KEPALA_DESA:
        # Kepmendagri codes: a village part starting with 1 is a kelurahan, led by a lurah.
        village = case.office_region_code.rsplit(".", 1)[-1]
        return _("Lurah") if village.startswith("1") else _("Kepala Desa")
    return str(_ROLE_PUBLIC.get(role, _("petugas")))
