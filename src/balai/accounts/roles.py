"""Staff roles, the permissions each grants, and the kind of scope each must hold.

This table is the single source of truth for "what may a role do"; *where* it may do it is the
scope on the assignment (accounts.permissions decides both together).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OPERATOR_DESA = "operator_desa", _("Operator desa/kelurahan")
    KEPALA_DESA = "kepala_desa", _("Kepala desa/lurah")
    OPERATOR_KECAMATAN = "operator_kecamatan", _("Operator kecamatan")
    CAMAT = "camat", _("Camat")
    PETUGAS_INSTANSI = "petugas_instansi", _("Petugas instansi")
    # The head of an agency (kepala dinas/badan): approves and signs the agency's products.
    KEPALA_INSTANSI = "kepala_instansi", _("Kepala instansi")
    PETUGAS_LOKET = "petugas_loket", _("Petugas loket")
    ADMIN_MPP = "admin_mpp", _("Admin MPP")
    ADMIN_KABUPATEN = "admin_kabupaten", _("Admin kabupaten")
    AUDITOR = "auditor", _("Auditor")
    # The regent and the regency's leaders: they read how every office performs, change nothing.
    PIMPINAN = "pimpinan", _("Bupati/pimpinan daerah")
    # The regency's internal supervisor (APIP): complaints about an office's own conduct.
    INSPEKTORAT = "inspektorat", _("Inspektorat")


class ScopeKind(models.TextChoices):
    VILLAGE = "village", _("Desa/kelurahan")
    DISTRICT = "district", _("Kecamatan")
    REGION = "region", _("Wilayah apa pun")
    AGENCY = "agency", _("Instansi")
    SERVICE_POINT = "service_point", _("Tempat layanan")


# What each role must be scoped to; an assignment without it is refused on save.
ROLE_SCOPE: dict[str, ScopeKind] = {
    Role.OPERATOR_DESA: ScopeKind.VILLAGE,
    Role.KEPALA_DESA: ScopeKind.VILLAGE,
    Role.OPERATOR_KECAMATAN: ScopeKind.DISTRICT,
    Role.CAMAT: ScopeKind.DISTRICT,
    Role.PETUGAS_INSTANSI: ScopeKind.AGENCY,
    Role.KEPALA_INSTANSI: ScopeKind.AGENCY,
    Role.PETUGAS_LOKET: ScopeKind.SERVICE_POINT,
    Role.ADMIN_MPP: ScopeKind.SERVICE_POINT,
    Role.ADMIN_KABUPATEN: ScopeKind.REGION,
    Role.AUDITOR: ScopeKind.REGION,
    Role.PIMPINAN: ScopeKind.REGION,
    Role.INSPEKTORAT: ScopeKind.REGION,
}

_REGISTER_READ = {"regions.view", "people.view_resident", "people.view_resident_full"}
_CASES_FRONT_DESK = {"cases.view", "cases.submit", "cases.act"}
_CASES_APPROVER = {"cases.view", "cases.act"}
# Issuing takes a number and signs with the office official's key; revoking is the signer's.
_DOCUMENTS_ISSUE = {"documents.view", "documents.issue"}
_DOCUMENTS_SIGNER = {"documents.view", "documents.issue", "documents.revoke"}
# Front desks send the survey link to the citizen they served; every office reads its own IKM.
# Village, district and agency offices answer the complaints routed to them.
_FEEDBACK_FRONT_DESK = {"feedback.invite", "feedback.view_ikm", "feedback.handle_complaint"}
_FEEDBACK_READ = {"feedback.view_ikm", "feedback.handle_complaint"}
# Dashboards: every office reads its own figures; the scope says which dashboards it opens.
_INSIGHTS = {"insights.view"}
# Business licensing and outreach days: village and kecamatan desks help residents register;
# the licensing office (DPMPTSP, an agency scope) also submits to OSS, issues and runs the day.
_LICENSING_DESK = {"licensing.view", "licensing.register", "outreach.view", "outreach.intake"}
_LICENSING_OFFICE = _LICENSING_DESK | {
    "licensing.submit",
    "licensing.issue",
    "outreach.run",
    "outreach.manage",
}
_LICENSING_READ = {"licensing.view", "outreach.view"}
# Front desks take cash for a bill; waiving a fee is for the head of the office or the
# agency officer deciding the case, never for the counter alone.
_PAYMENTS_COLLECT = {"payments.collect"}
_PAYMENTS_WAIVE = {"payments.waive"}
# Programmes: front desks take applications and verify in the field; the owning agency
# decides and pays; the regency's admins and auditors read the accounts.
_PROGRAMS_DESK = {"programs.view", "programs.apply", "programs.verify"}
_PROGRAMS_OWNER = _PROGRAMS_DESK | {"programs.decide", "programs.disburse"}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.OPERATOR_DESA: frozenset(
        _REGISTER_READ
        | {"people.change_resident", "people.import_residents"}
        # The citizen's PIN is set where the citizen is known by sight: their village office.
        | {"citizens.set_pin"}
        | _CASES_FRONT_DESK
        | _FEEDBACK_FRONT_DESK
        | _DOCUMENTS_ISSUE
        | _INSIGHTS
        | _LICENSING_DESK
        | _PAYMENTS_COLLECT
        | _PROGRAMS_DESK
    ),
    Role.KEPALA_DESA: frozenset(
        _REGISTER_READ
        | _CASES_APPROVER
        | _FEEDBACK_READ
        | _DOCUMENTS_SIGNER
        | _INSIGHTS
        | _LICENSING_READ
        | _PAYMENTS_WAIVE
    ),
    Role.OPERATOR_KECAMATAN: frozenset(
        _REGISTER_READ
        | _CASES_FRONT_DESK
        | _FEEDBACK_FRONT_DESK
        | _DOCUMENTS_ISSUE
        | _INSIGHTS
        | _LICENSING_DESK
        | _PAYMENTS_COLLECT
        | _PROGRAMS_DESK
    ),
    Role.CAMAT: frozenset(
        _REGISTER_READ
        | _CASES_APPROVER
        | _FEEDBACK_READ
        | _DOCUMENTS_SIGNER
        | _INSIGHTS
        | _LICENSING_READ
        | _PAYMENTS_WAIVE
    ),
    # The agency's officer prepares its cases; the head (kepala_instansi) signs the product.
    # The officer keeps documents.issue/revoke to re-issue a product already signed.
    Role.PETUGAS_INSTANSI: frozenset(
        _REGISTER_READ
        | {"catalog.view_draft"}
        | _CASES_FRONT_DESK
        | _FEEDBACK_FRONT_DESK
        | _DOCUMENTS_SIGNER
        | _INSIGHTS
        | _LICENSING_OFFICE
        | _PAYMENTS_COLLECT
        | _PAYMENTS_WAIVE
        | _PROGRAMS_OWNER
    ),
    # Signs what its officers prepared: acts on cases (the `sign` step), never files them.
    Role.KEPALA_INSTANSI: frozenset(
        _REGISTER_READ
        | _CASES_APPROVER
        | _FEEDBACK_READ
        | _DOCUMENTS_SIGNER
        | _INSIGHTS
        | _LICENSING_READ
        | _PAYMENTS_WAIVE
    ),
    Role.PETUGAS_LOKET: frozenset(
        {"regions.view", "queueing.operate_counter", "cases.view", "cases.submit", "cases.act"}
        | _PAYMENTS_COLLECT
        # Complaints are routed to offices, not counters: the counter only sends surveys.
        | {"feedback.invite", "feedback.view_ikm"}
    ),
    Role.ADMIN_MPP: frozenset(
        {
            "regions.view",
            "catalog.view_draft",
            "catalog.manage",
            "queueing.operate_counter",
            "queueing.manage",
            "queueing.view_stats",
            "cases.view",
            "feedback.view_ikm",
            "insights.view",
            # Registers and revokes the kiosks of their service point.
            "kiosk.manage",
        }
    ),
    Role.ADMIN_KABUPATEN: frozenset(
        _REGISTER_READ
        | {
            "people.change_resident",
            "people.import_residents",
            "accounts.manage_staff",
            "audit.view",
            "catalog.view_draft",
            "catalog.manage",
            "queueing.manage",
            "queueing.view_stats",
            "cases.view",
            "cases.manage_holidays",
            "feedback.handle_complaint",
            "documents.view",
            "documents.manage",
            "documents.revoke",
            "feedback.view_ikm",
            "insights.view",
            "kiosk.manage",
            "licensing.manage_kbli",
        }
        | _LICENSING_OFFICE
        | _PROGRAMS_OWNER
    ),
    Role.AUDITOR: frozenset(
        {
            "regions.view",
            "people.view_resident",
            "audit.view",
            "cases.view",
            "feedback.view_ikm",
            "documents.view",
            "insights.view",
        }
        | _LICENSING_READ
        | {"programs.view"}
    ),
    # Figures only: no register, no case files, no personal data.
    Role.PIMPINAN: frozenset({"regions.view", "feedback.view_ikm", "insights.view"}),
    # Handles only complaints about an office's own conduct (feedback.oversee_complaint).
    Role.INSPEKTORAT: frozenset({"regions.view", "feedback.oversee_complaint"}),
}

# Roles that may open the Django admin (it obeys the same scopes): those that administer data.
# The auditor reads through the pages and the audit log, which mask and record what it sees.
ADMIN_SITE_ROLES = frozenset({Role.ADMIN_MPP, Role.ADMIN_KABUPATEN})
