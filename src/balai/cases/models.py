"""Applications (permohonan): the case, its requirements, its history, and what intake needs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from balai.cases.choices import (
    CLOSED_STATUSES,
    CaseStatus,
    Channel,
    HolidayKind,
    RequirementStatus,
    SlaUnit,
)

# Open cases only: the inbox reads a small part of the table, so its indexes hold that part.
_OPEN = ~Q(status__in=sorted(CLOSED_STATUSES))


class Case(models.Model):
    # Every table that grows with people carries its regency (docs/adr/0002-regency-key.md).
    regency_code = models.CharField(_("kode kabupaten"), max_length=5)
    tracking_code = models.CharField(_("kode lacak"), max_length=8, unique=True)

    service = models.ForeignKey(
        "catalog.Service", on_delete=models.PROTECT, related_name="cases", verbose_name=_("layanan")
    )
    # The published standard the case was filed under; a later version never changes it.
    service_version = models.PositiveIntegerField(_("versi standar layanan"))
    # The workflow the case started on, copied whole so a new workflow version leaves it alone.
    workflow_code = models.CharField(_("alur kerja"), max_length=60)
    workflow_version = models.PositiveIntegerField(_("versi alur kerja"))
    workflow_definition = models.JSONField(_("definisi alur kerja"))

    applicant = models.ForeignKey(
        "people.Resident",
        on_delete=models.PROTECT,
        related_name="cases_applied",
        verbose_name=_("pemohon"),
    )
    # Whom the product is for: the applicant or a member of the applicant's own family.
    beneficiary = models.ForeignKey(
        "people.Resident",
        on_delete=models.PROTECT,
        related_name="cases_benefiting",
        verbose_name=_("penerima manfaat"),
    )
    channel = models.CharField(_("kanal"), max_length=20, choices=Channel.choices)
    service_point = models.ForeignKey(
        "catalog.ServicePoint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("tempat layanan"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diterima oleh"),
    )

    state = models.CharField(_("tahap"), max_length=60)
    status = models.CharField(_("status"), max_length=20, choices=CaseStatus.choices)
    # The office holding the case now: a village or district code, or an agency.
    office_region_code = models.CharField(_("wilayah kantor"), max_length=13, blank=True)
    office_agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases_held",
        verbose_name=_("instansi"),
    )

    form_data = models.JSONField(_("isian formulir"), default=dict)
    # What the register said at intake (name, NIK, address, family): the letter is made from
    # this even if the register changes later.
    register_data = models.JSONField(_("data kependudukan"), default=dict)

    submitted_at = models.DateTimeField(_("diajukan pada"))
    sla_amount = models.PositiveIntegerField(_("jangka waktu"))
    sla_unit = models.CharField(_("satuan jangka waktu"), max_length=20, choices=SlaUnit.choices)
    # Working time spent waiting on the citizen, in `sla_unit`; it pushes the due date back.
    sla_paused = models.PositiveIntegerField(_("waktu jeda"), default=0)
    sla_paused_at = models.DateTimeField(_("dijeda sejak"), null=True, blank=True)
    due_at = models.DateTimeField(_("batas waktu"), null=True, blank=True)
    closed_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    # When the overdue case was raised to the supervisor of the office holding it (once).
    escalated_at = models.DateTimeField(_("dieskalasi pada"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("permohonan")
        verbose_name_plural = _("permohonan")
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["office_region_code", "state"], name="case_office_region_state"),
            # Scope filters are prefix matches on the office code (regions.subtree_q).
            models.Index(
                fields=["office_region_code"],
                name="case_office_prefix",
                opclasses=["varchar_pattern_ops"],
            ),
            models.Index(fields=["office_agency", "state"], name="case_office_agency_state"),
            # The dashboards' received cases per service and office, off the index alone.
            models.Index(
                fields=["regency_code", "submitted_at"],
                include=[
                    "service_id",
                    "office_region_code",
                    "office_agency_id",
                    "service_point_id",
                ],
                name="case_regency_submitted",
            ),
            models.Index(fields=["due_at"], name="case_due"),
            models.Index(fields=["applicant"], name="case_applicant"),
            # Dashboards (insights): cases finished in a period, and the open backlog, read
            # off an index instead of scanning the regency's history. The INCLUDE columns are
            # every column those queries touch, so PostgreSQL answers from the index alone
            # (an index-only scan) instead of fetching one table page per case.
            models.Index(
                fields=["regency_code", "closed_at"],
                include=[
                    "status",
                    "submitted_at",
                    "due_at",
                    "service_id",
                    "office_region_code",
                    "office_agency_id",
                    "service_point_id",
                ],
                name="case_regency_closed",
            ),
            models.Index(
                fields=["regency_code", "due_at"],
                include=[
                    "sla_paused_at",
                    "office_region_code",
                    "office_agency_id",
                    "service_point_id",
                ],
                condition=Q(closed_at__isnull=True),
                name="case_open_due",
            ),
            # The inbox: open cases of an office, by workflow snapshot and state, soonest due
            # first; the workflow columns let its DISTINCT and COUNT read the index alone.
            # An agency's open cases are many: due_at and id in the key give the page in
            # index order (no sort of every open case), state rides along for the filter.
            models.Index(
                fields=["office_agency", "workflow_code", "workflow_version", "due_at", "id"],
                name="case_open_agency",
                include=["state"],
                condition=_OPEN,
            ),
            models.Index(
                fields=[
                    "office_region_code",
                    "workflow_code",
                    "workflow_version",
                    "state",
                    "due_at",
                ],
                name="case_open_region",
                opclasses=[
                    "varchar_pattern_ops",
                    "varchar_pattern_ops",
                    "int4_ops",
                    "varchar_pattern_ops",
                    "timestamptz_ops",
                ],
                condition=_OPEN,
            ),
            # A village's dashboard: its own cases by day, not the regency's window filtered.
            models.Index(
                fields=["office_region_code", "closed_at"],
                include=["regency_code", "status", "submitted_at", "due_at", "service_id"],
                name="case_office_closed",
            ),
            models.Index(
                fields=["office_region_code", "submitted_at"],
                include=["regency_code", "service_id"],
                name="case_office_submitted",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_code


class CaseRequirement(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="requirements")
    code = models.CharField(_("kode"), max_length=60)
    name = models.CharField(_("nama"), max_length=250)
    status = models.CharField(_("status"), max_length=20, choices=RequirementStatus.choices)
    note = models.CharField(_("catatan"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("persyaratan permohonan")
        verbose_name_plural = _("persyaratan permohonan")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "code"], name="case_requirement_unique")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.code}"


class CaseAction(models.Model):
    """One fact in a case's history: who moved it, from where to where, and why."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actions")
    action = models.CharField(_("tindakan"), max_length=60)
    from_state = models.CharField(_("dari tahap"), max_length=60, blank=True)
    to_state = models.CharField(_("ke tahap"), max_length=60)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pelaku"),
    )
    # "citizen" when the applicant acted themself (kiosk, online).
    role = models.CharField(_("peran"), max_length=20)
    comment = models.TextField(_("catatan"), blank=True)
    reason_code = models.CharField(_("alasan"), max_length=40, blank=True)
    at = models.DateTimeField(_("waktu"))

    class Meta:
        verbose_name = _("riwayat permohonan")
        verbose_name_plural = _("riwayat permohonan")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "at"], name="caseaction_case_at")]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.action}"


class IdempotencyKey(models.Model):
    """A client's `Idempotency-Key`: the same submission twice yields one case."""

    key = models.CharField(max_length=100)
    # Who sent it: keys of different clients never collide.
    scope = models.CharField(max_length=60)
    request_hash = models.CharField(max_length=64)
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kunci idempotensi")
        verbose_name_plural = _("kunci idempotensi")
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="idempotency_scope_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.scope}:{self.key}"


class Holiday(models.Model):
    """A day public offices are closed: national holidays and cuti bersama (SKB 3 Menteri)."""

    date = models.DateField(_("tanggal"))
    name = models.CharField(_("nama"), max_length=150)
    kind = models.CharField(_("jenis"), max_length=20, choices=HolidayKind.choices)
    # Empty for the whole country; a regency code for a local holiday.
    region_code = models.CharField(_("wilayah"), max_length=13, blank=True)
    # The decree that set the day (e.g. the SKB 3 Menteri of the year), shown with the day.
    decree = models.CharField(_("dasar penetapan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["date", "kind", "region_code"], name="holiday_date_kind_region"
            ),
            models.CheckConstraint(
                condition=~Q(kind=HolidayKind.LOCAL) | ~Q(region_code=""),
                name="holiday_local_has_region",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"


class CaseAttachment(models.Model):
    """A file the applicant handed in (a scan, a photo): checked by content, kept by its hash.

    The file lives under MEDIA_ROOT at a path made of its SHA-256, so the same scan twice is
    stored once and a changed file on disk is found by hashing it again.
    """

    regency_code = models.CharField(_("kode kabupaten"), max_length=5)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    # The requirement this file satisfies; empty for a file attached to a workflow action.
    requirement_code = models.CharField(_("persyaratan"), max_length=60, blank=True)
    # The history row the file came with (a review report, a corrected scan), if any.
    case_action = models.ForeignKey(
        CaseAction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("tindakan"),
    )
    name = models.CharField(_("nama berkas"), max_length=200)
    content_type = models.CharField(_("jenis"), max_length=40)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    # The hash of the bytes as received, before an image was scaled down and re-encoded.
    original_sha256 = models.CharField(_("SHA-256 asli"), max_length=64)
    path = models.CharField(_("lokasi"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diunggah oleh"),
    )
    # "citizen" when the applicant uploaded it themself, else the uploader's role.
    role = models.CharField(_("peran"), max_length=20)
    uploaded_at = models.DateTimeField(_("diunggah pada"))

    class Meta:
        verbose_name = _("lampiran permohonan")
        verbose_name_plural = _("lampiran permohonan")
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["case", "uploaded_at"], name="caseattachment_case_at")]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.name}"
