"""Programmes (defined as data), applications to them, and what the approved receive."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from balai.programs.choices import (
    ApplicationStatus,
    BatchStatus,
    BenefitKind,
    Channel,
    TransferStatus,
    VoucherStatus,
)


class Programme(models.Model):
    """One programme of the regent, loaded from programs/data/programmes/*.yaml."""

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    legal_basis = models.CharField(_("dasar hukum"), max_length=300)
    regency = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("kabupaten")
    )
    owner_agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pemilik program"),
    )
    period_start = models.DateField(_("mulai"))
    period_end = models.DateField(_("selesai"))
    budget = models.BigIntegerField(_("pagu (Rp)"))
    benefit_kind = models.CharField(_("jenis manfaat"), max_length=10, choices=BenefitKind.choices)
    benefit_value = models.BigIntegerField(_("nilai manfaat (Rp)"))
    benefit_count = models.PositiveIntegerField(_("jumlah per bulan"), default=1)
    benefit_months = models.PositiveIntegerField(_("lama (bulan)"), default=1)
    goods = models.CharField(_("barang"), max_length=200, blank=True)
    quota_per_beneficiary = models.PositiveIntegerField(_("kuota per penerima"), default=1)
    is_open = models.BooleanField(_("dibuka"), default=True)
    definition = models.JSONField(_("definisi"), default=dict)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def rules(self) -> list[dict]:
        return self.definition.get("eligibility", [])

    @property
    def bring(self) -> list[dict]:
        return self.definition.get("bring", [])

    @property
    def benefit_total(self) -> int:
        """What one beneficiary receives over the programme, in rupiah."""
        if self.benefit_kind == BenefitKind.VOUCHER:
            return self.benefit_value * self.benefit_count * self.benefit_months
        return self.benefit_value


class QuotaCounter(models.Model):
    """Places left in a programme, as a whole (`scope` "total") or in one district (its code).

    Applications take a place by locking this row (SELECT ... FOR UPDATE on PostgreSQL), so two
    desks can never both take the last place."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="quotas")
    scope = models.CharField(max_length=20)
    limit = models.PositiveIntegerField()
    used = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "scope"], name="programs_quota_scope"),
            models.CheckConstraint(
                condition=models.Q(used__lte=models.F("limit")), name="programs_quota_not_over"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope}: {self.used}/{self.limit}"


class Application(models.Model):
    regency_code = models.CharField(_("kode kabupaten"), max_length=5, db_index=True)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="applications")
    tracking_code = models.CharField(_("kode lacak"), max_length=12, unique=True)
    applicant = models.ForeignKey(
        "people.Resident", on_delete=models.PROTECT, related_name="+", verbose_name=_("pemohon")
    )
    # Copied from the register at intake: duplicate checks across programmes read them
    # without joining residents, and the public list shows the village as it was then.
    nik = models.CharField(_("NIK"), max_length=16, db_index=True)
    kk_number = models.CharField(_("nomor KK"), max_length=16, blank=True, db_index=True)
    applicant_name = models.CharField(_("nama"), max_length=120)
    village = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("desa")
    )
    district_code = models.CharField(max_length=8)
    business = models.ForeignKey(
        "licensing.BusinessRegistration",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("usaha"),
    )
    channel = models.CharField(_("kanal"), max_length=10, choices=Channel.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
        db_index=True,
    )
    brought = models.JSONField(_("dokumen dibawa"), default=dict, blank=True)
    bank_account = models.CharField(_("nomor rekening"), max_length=30, blank=True)
    amount = models.BigIntegerField(_("nilai manfaat (Rp)"), default=0)
    submitted_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    # Field verification: the officer's phone sends its position; the time is the server's.
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    photo = models.FileField(upload_to="programs/photos/", max_length=200, blank=True)
    checklist = models.JSONField(default=dict, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    refusal_reason = models.TextField(_("alasan penolakan"), blank=True)
    appealed_at = models.DateTimeField(null=True, blank=True)
    appeal_reason = models.TextField(_("alasan banding"), blank=True)

    class Meta:
        verbose_name = _("permohonan program")
        verbose_name_plural = _("permohonan program")
        indexes = [
            models.Index(fields=["programme", "status"], name="programs_app_prog_status"),
            models.Index(fields=["programme", "district_code"], name="programs_app_prog_district"),
        ]

    def __str__(self) -> str:
        return self.tracking_code


class Partner(models.Model):
    """A logistics partner that redeems shipping vouchers through the API with its token."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    # Only the SHA-256 of the token is kept: a leaked table redeems nothing.
    token_sha256 = models.CharField(max_length=64, unique=True)
    is_active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return self.name


class Voucher(models.Model):
    regency_code = models.CharField(_("kode kabupaten"), max_length=5, db_index=True)
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="vouchers")
    code = models.CharField(_("kode voucher"), max_length=20, unique=True)
    value = models.BigIntegerField(_("nilai (Rp)"))
    month = models.DateField(_("bulan"))
    status = models.CharField(
        max_length=10, choices=VoucherStatus.choices, default=VoucherStatus.ISSUED, db_index=True
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, null=True, blank=True, related_name="redemptions"
    )
    parcel_ref = models.CharField(_("nomor resi"), max_length=60, blank=True)
    redeemed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # One parcel, one voucher: a partner cannot bill the same parcel twice.
            models.UniqueConstraint(
                fields=["partner", "parcel_ref"],
                condition=~models.Q(parcel_ref=""),
                name="programs_voucher_one_parcel",
            )
        ]

    def __str__(self) -> str:
        return self.code


class DisbursementBatch(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="batches")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=BatchStatus.choices, default=BatchStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="programs_batch_number")
        ]

    def __str__(self) -> str:
        return f"{self.programme.code}-{self.number:03d}"


class Transfer(models.Model):
    regency_code = models.CharField(_("kode kabupaten"), max_length=5, db_index=True)
    batch = models.ForeignKey(DisbursementBatch, on_delete=models.PROTECT, related_name="transfers")
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="transfers")
    # The bank's idempotency key: a repeated reference is answered, never paid again.
    reference = models.CharField(max_length=32, unique=True)
    amount = models.BigIntegerField()
    account = models.CharField(max_length=30, blank=True)
    status = models.CharField(
        max_length=12, choices=TransferStatus.choices, default=TransferStatus.PENDING
    )
    reason = models.CharField(max_length=200, blank=True)
    bank_ref = models.CharField(max_length=60, blank=True)
    receipt_number = models.CharField(_("nomor berita acara"), max_length=60, blank=True)
    receiver_name = models.CharField(max_length=120, blank=True)
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # An applicant is paid at most once: a returned transfer may be retried in a later
            # batch, but never while one is pending or paid.
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(status__in=["pending", "paid", "handed_over"]),
                name="programs_transfer_one_live",
            )
        ]

    def __str__(self) -> str:
        return self.reference
