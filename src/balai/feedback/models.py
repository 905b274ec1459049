"""Satisfaction survey (SKM) responses, the single-use links that invite them, and complaints."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from balai.feedback.choices import (
    ComplaintCategory,
    ComplaintChannel,
    ComplaintStatus,
    RespondentEducation,
    RespondentOccupation,
    RespondentSex,
    SurveyChannel,
)
from balai.feedback.ikm import ELEMENT_CODES, SCORE_MAX, SCORE_MIN


class ServedContext(models.Model):
    """What was served, and where: the keys an IKM is grouped and scoped by."""

    # Every table that grows with people carries its regency (docs/adr/0002-regency-key.md).
    regency_code = models.CharField(_("kode kabupaten"), max_length=5)
    # The office that served: a village or district code, or the regency for agency services.
    region_code = models.CharField(_("wilayah layanan"), max_length=13)
    service = models.ForeignKey(
        "catalog.Service", on_delete=models.PROTECT, related_name="+", verbose_name=_("layanan")
    )
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("instansi"),
    )
    service_point = models.ForeignKey(
        "catalog.ServicePoint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tempat layanan"),
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("permohonan"),
    )
    # The queue ticket served, when the citizen came through a queue without a case.
    ticket = models.ForeignKey(
        "queueing.Ticket",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tiket antrean"),
    )
    channel = models.CharField(_("kanal"), max_length=20, choices=SurveyChannel.choices)

    class Meta:
        abstract = True


class SurveyInvitation(ServedContext):
    """A link sent by WhatsApp or SMS after service; usable once, until it expires."""

    # Only the SHA-256 of the token is kept: a copy of the table opens no survey.
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("dibuat pada"))
    expires_at = models.DateTimeField(_("berlaku sampai"))
    used_at = models.DateTimeField(_("dipakai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("undangan survei")
        verbose_name_plural = _("undangan survei")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.service_id}:{self.created_at:%Y-%m-%d}"


def _score_field(code: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(code.upper())


class SurveyResponse(ServedContext):
    """One respondent's answers to the nine elements of PermenPAN-RB 14/2017."""

    invitation = models.OneToOneField(
        SurveyInvitation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="response",
        verbose_name=_("undangan"),
    )
    u1 = _score_field("u1")
    u2 = _score_field("u2")
    u3 = _score_field("u3")
    u4 = _score_field("u4")
    u5 = _score_field("u5")
    u6 = _score_field("u6")
    u7 = _score_field("u7")
    u8 = _score_field("u8")
    u9 = _score_field("u9")
    # The respondent profile the regulation's report counts; never a name or NIK.
    age = models.PositiveSmallIntegerField(_("umur"))
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=RespondentSex.choices)
    education = models.CharField(
        _("pendidikan"), max_length=10, choices=RespondentEducation.choices
    )
    occupation = models.CharField(
        _("pekerjaan"), max_length=12, choices=RespondentOccupation.choices
    )
    comment = models.TextField(_("saran dan masukan"), blank=True)
    submitted_at = models.DateTimeField(_("diisi pada"))

    class Meta:
        verbose_name = _("jawaban survei")
        verbose_name_plural = _("jawaban survei")
        ordering = ["-submitted_at"]
        constraints = [
            # One response per case (issue 8): a second survey of the same case is refused.
            models.UniqueConstraint(
                fields=["case"], condition=Q(case__isnull=False), name="survey_one_per_case"
            ),
            models.UniqueConstraint(
                fields=["ticket"], condition=Q(ticket__isnull=False), name="survey_one_per_ticket"
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{c}__gte": SCORE_MIN, f"{c}__lte": SCORE_MAX}),
                    name=f"survey_{c}_1_to_4",
                )
                for c in ELEMENT_CODES
            ],
        ]
        indexes = [
            models.Index(fields=["regency_code", "submitted_at"], name="survey_regency_at"),
            models.Index(fields=["service", "submitted_at"], name="survey_service_at"),
            models.Index(fields=["agency", "submitted_at"], name="survey_agency_at"),
            models.Index(fields=["service_point", "submitted_at"], name="survey_point_at"),
            models.Index(
                fields=["region_code"],
                name="survey_region_prefix",
                opclasses=["varchar_pattern_ops"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_id}:{self.submitted_at:%Y-%m-%d}"

    def scores(self) -> tuple[int, ...]:
        return tuple(getattr(self, c) for c in ELEMENT_CODES)


class Complaint(models.Model):
    """A complaint (pengaduan): routed to the office responsible, answered, maybe published."""

    regency_code = models.CharField(_("kode kabupaten"), max_length=5)
    tracking_code = models.CharField(_("kode lacak"), max_length=10, unique=True)
    channel = models.CharField(_("kanal"), max_length=20, choices=ComplaintChannel.choices)
    category = models.CharField(_("kategori"), max_length=20, choices=ComplaintCategory.choices)
    text = models.TextField(_("isi pengaduan"))
    # Empty name and contact when the complainant chose to stay anonymous.
    anonymous = models.BooleanField(_("anonim"), default=False)
    name = models.CharField(_("nama pelapor"), max_length=120, blank=True)
    contact = models.CharField(_("kontak pelapor"), max_length=120, blank=True)
    # The office responsible: a village or district code, or an agency in its region.
    region_code = models.CharField(_("wilayah penanggung jawab"), max_length=13)
    service = models.ForeignKey(
        "catalog.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("layanan"),
    )
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("instansi"),
    )
    # A complaint about an office's own conduct (OVERSIGHT_CATEGORIES) is routed above it;
    # the office complained about is kept here, and never sees the complaint.
    oversight = models.BooleanField(_("pengawasan"), default=False)
    subject_region_code = models.CharField(_("kantor yang diadukan"), max_length=13, blank=True)
    subject_agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("instansi yang diadukan"),
    )
    status = models.CharField(_("status"), max_length=20, choices=ComplaintStatus.choices)
    submitted_at = models.DateTimeField(_("diterima pada"))
    due_at = models.DateTimeField(_("batas jawab"))
    escalated_at = models.DateTimeField(_("dieskalasi pada"), null=True, blank=True)
    answer = models.TextField(_("jawaban"), blank=True)
    answered_at = models.DateTimeField(_("dijawab pada"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dijawab oleh"),
    )
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    # The complainant's consent to show the complaint and its answer publicly (without
    # personal data, UU 27/2022).
    publish_consent = models.BooleanField(_("setuju dipublikasikan"), default=False)
    # The provider's id of the WhatsApp/SMS message: a webhook retried after a lost answer
    # must not file the same message twice.
    source_message_id = models.CharField(_("id pesan penyedia"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("pengaduan")
        verbose_name_plural = _("pengaduan")
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["regency_code", "submitted_at"], name="complaint_regency_at"),
            models.Index(fields=["status", "due_at"], name="complaint_status_due"),
            models.Index(fields=["agency", "status"], name="complaint_agency_status"),
            models.Index(
                fields=["region_code"],
                name="complaint_region_prefix",
                opclasses=["varchar_pattern_ops"],
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(anonymous=False) | (Q(name="") & Q(contact="")),
                name="complaint_anonymous_has_no_identity",
            ),
            models.UniqueConstraint(
                fields=["channel", "source_message_id"],
                condition=~Q(source_message_id=""),
                name="complaint_source_message_once",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def is_published(self) -> bool:
        return self.publish_consent and bool(self.answer) and self.answered_at is not None
