"""KBLI codes and their risk, business registrations and every call made to OSS for them."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from balai.licensing.choices import (
    AttemptOutcome,
    Certificate,
    RegistrationStatus,
    RiskLevel,
    Scale,
)


class KbliCode(models.Model):
    """One five-digit KBLI activity of an edition (Peraturan BPS No. 2 Tahun 2020 for 2020)."""

    edition = models.CharField(_("edisi"), max_length=4)
    code = models.CharField(_("kode"), max_length=5)
    title = models.CharField(_("judul"), max_length=300)
    # Lower-case title, so a word search is one indexed-column LIKE on both databases.
    search_text = models.CharField(max_length=300, editable=False)

    class Meta:
        verbose_name = _("kode KBLI")
        verbose_name_plural = _("kode KBLI")
        ordering = ["edition", "code"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="kbli_edition_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class KbliRisk(models.Model):
    """The risk level of one KBLI activity: data, loaded from a file and editable, never code.
    `is_example` marks a mapping that is illustrative (the demo's), not the regulation's."""

    edition = models.CharField(_("edisi"), max_length=4)
    code = models.CharField(_("kode"), max_length=5)
    risk_level = models.CharField(_("tingkat risiko"), max_length=20, choices=RiskLevel.choices)
    is_example = models.BooleanField(_("contoh"), default=False)
    source = models.CharField(_("sumber"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("risiko KBLI")
        verbose_name_plural = _("risiko KBLI")
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="kbli_risk_edition_code")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.risk_level}"


class BusinessRegistration(models.Model):
    """An individual micro or small business registered for a NIB on behalf of its owner."""

    regency_code = models.CharField(_("kode kabupaten"), max_length=5, db_index=True)
    owner = models.ForeignKey(
        "people.Resident", on_delete=models.PROTECT, related_name="+", verbose_name=_("pemilik")
    )
    owner_name = models.CharField(_("nama pemilik"), max_length=120)
    business_name = models.CharField(_("nama usaha"), max_length=200)
    village = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("desa")
    )
    address = models.CharField(_("alamat usaha"), max_length=250)
    kbli_edition = models.CharField(_("edisi KBLI"), max_length=4)
    kbli_codes = models.JSONField(_("kode KBLI"), default=list)
    capital = models.BigIntegerField(_("modal usaha (Rp)"))
    workers = models.PositiveIntegerField(_("tenaga kerja"))
    scale = models.CharField(_("skala"), max_length=10, choices=Scale.choices)
    risk_level = models.CharField(_("tingkat risiko"), max_length=20, choices=RiskLevel.choices)
    certificate = models.CharField(
        _("sertifikat/izin"), max_length=20, choices=Certificate.choices, blank=True
    )
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("instansi"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.READY,
        db_index=True,
    )
    # One key per registration, sent with every call to OSS: OSS answers a repeated key with
    # the NIB it already gave, so retries never make a second NIB.
    idempotency_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    nib = models.CharField(_("NIB"), max_length=13, null=True, blank=True, unique=True)
    nib_issued_at = models.DateTimeField(_("NIB terbit"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("percobaan"), default=0)
    last_error_code = models.CharField(max_length=40, blank=True)
    last_error = models.TextField(blank=True)
    document = models.OneToOneField(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dokumen NIB"),
    )
    permit_case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pendaftaran usaha")
        verbose_name_plural = _("pendaftaran usaha")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["regency_code", "status"], name="licensing_reg_status")]

    def __str__(self) -> str:
        return f"{self.business_name} ({self.owner_name})"


class GatewayAttempt(models.Model):
    """One call to OSS, written (and committed) before the call is sent: after a crash or a
    timeout the row says a request may have reached OSS, so the next try asks OSS by key."""

    regency_code = models.CharField(_("kode kabupaten"), max_length=5, db_index=True)
    registration = models.ForeignKey(
        BusinessRegistration, on_delete=models.CASCADE, related_name="gateway_attempts"
    )
    idempotency_key = models.UUIDField()
    outcome = models.CharField(
        max_length=14, choices=AttemptOutcome.choices, default=AttemptOutcome.PENDING
    )
    http_status = models.PositiveIntegerField(null=True, blank=True)
    detail = models.TextField(blank=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["started_at", "pk"]

    def __str__(self) -> str:
        return f"{self.registration_id} {self.outcome}"
