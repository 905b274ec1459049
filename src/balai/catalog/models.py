"""Agencies, the places they serve from, and the services they offer."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from balai.catalog.choices import (
    AgencyKind,
    FeeCollector,
    Provider,
    ServicePointKind,
    ServiceStatus,
    SlaUnit,
    VersionStatus,
)

# Service point codes may carry a dotted village code (kantor-desa-35.10.05.2001).
point_code_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9._-]*$", _("Kode hanya boleh huruf kecil, angka, titik, - dan _.")
)


class Agency(models.Model):
    code = models.SlugField(_("kode"), max_length=40, unique=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=AgencyKind.choices)
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("nama singkat"), max_length=60)
    # The region an agency belongs to: a village government's village, a kecamatan, or the
    # regency for regency offices and vertical agencies serving it.
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        related_name="agencies",
        verbose_name=_("wilayah"),
    )
    address = models.CharField(_("alamat"), max_length=250, blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    is_mpp_tenant = models.BooleanField(_("tenant MPP"), default=False)

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name


class ServicePoint(models.Model):
    code = models.CharField(
        _("kode"), max_length=60, unique=True, validators=[point_code_validator]
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=ServicePointKind.choices)
    name = models.CharField(_("nama"), max_length=200)
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        related_name="service_points",
        verbose_name=_("wilayah"),
    )
    address = models.CharField(_("alamat"), max_length=250, blank=True)
    # Offices keep their own zone (WIB/WITA/WIT): daily queue numbers reset at local midnight.
    timezone = models.CharField(_("zona waktu"), max_length=40, default="Asia/Jakarta")
    opening_hours = models.CharField(_("jam layanan"), max_length=200, blank=True)
    # The hours the SLA clock runs in, per weekday: {"mon": ["08:00", "15:00"], "sat": [...]};
    # a day left out is closed, and an empty setting is the office week (Mon–Fri 08:00–16:00).
    weekly_hours = models.JSONField(_("jam kerja per hari"), default=dict, blank=True)
    # SKB 3 Menteri on cuti bersama: public-service units keep serving; a point that closes
    # on those days says so here.
    closed_on_cuti_bersama = models.BooleanField(_("tutup saat cuti bersama"), default=False)
    agencies = models.ManyToManyField(
        Agency, related_name="service_points", blank=True, verbose_name=_("instansi")
    )

    class Meta:
        verbose_name = _("tempat layanan")
        verbose_name_plural = _("tempat layanan")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    """One service as citizens know it; its published standard lives in its versions."""

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    provider = models.CharField(
        _("penyelenggara"), max_length=10, choices=Provider.choices, default=Provider.AGENCY
    )
    # Empty when the applicant's own village or kecamatan provides the service.
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="services",
        null=True,
        blank=True,
        verbose_name=_("instansi"),
    )
    # The regency whose catalog holds the service (the agency's region for agency services):
    # what a regional staff scope matches on. Always set by catalog.services; nullable only
    # because rows from before versioning had none.
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wilayah"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ServiceStatus.choices, default=ServiceStatus.DRAFT
    )
    # Number of the newest version, published or not.
    version = models.PositiveIntegerField(_("versi"), default=1)
    current_version = models.ForeignKey(
        "ServiceVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("versi terbaru"),
    )
    published_version = models.ForeignKey(
        "ServiceVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("versi terbit"),
    )

    class Meta:
        verbose_name = _("layanan")
        verbose_name_plural = _("layanan")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ServiceVersion(models.Model):
    """The full service standard as of one version (UU 25/2009 art. 21; PermenPAN-RB 15/2014).

    Immutable once published: a case keeps the version it was filed under. Scalar parts are
    columns; lists (requirements, procedure, form, management, ...) are JSON in the catalog
    file's own shape, so a version round-trips to the YAML it came from.
    """

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="versions", verbose_name=_("layanan")
    )
    number = models.PositiveIntegerField(_("nomor versi"))
    status = models.CharField(
        _("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    # What the catalog file said about the service's life: draft, published or retired.
    intended_status = models.CharField(
        _("status yang diminta"),
        max_length=10,
        choices=ServiceStatus.choices,
        default=ServiceStatus.PUBLISHED,
    )
    name = models.CharField(_("nama"), max_length=200)
    provider = models.CharField(_("penyelenggara"), max_length=10, choices=Provider.choices)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("instansi"),
    )
    category = models.CharField(_("kategori"), max_length=80)
    description = models.TextField(_("deskripsi"), blank=True)
    life_events = models.JSONField(_("peristiwa hidup"), default=list)
    synonyms = models.JSONField(_("sinonim"), default=list, blank=True)
    segments = models.JSONField(_("segmen"), default=list, blank=True)
    # --- the six public components ---
    requirements = models.JSONField(_("persyaratan"), default=list, blank=True)
    procedure = models.JSONField(_("sistem, mekanisme dan prosedur"), default=list)
    sla_value = models.PositiveIntegerField(_("jangka waktu"))
    sla_unit = models.CharField(_("satuan waktu"), max_length=15, choices=SlaUnit.choices)
    sla_example = models.BooleanField(_("jangka waktu contoh"), default=False)
    fee_amount = models.PositiveBigIntegerField(_("biaya (rupiah)"), default=0)
    fee_legal_basis = models.CharField(_("dasar tarif"), max_length=250, blank=True)
    # Who receives the fee and so how it is paid (catalog.choices.FeeCollector).
    fee_collector = models.CharField(
        _("penerima biaya"), max_length=10, choices=FeeCollector.choices, default="daerah"
    )
    fee_example = models.BooleanField(_("biaya contoh"), default=False)
    product_name = models.CharField(_("produk pelayanan"), max_length=200)
    product_document_type = models.CharField(_("jenis dokumen produk"), max_length=60)
    complaints = models.TextField(_("penanganan pengaduan, saran dan masukan"))
    maklumat = models.TextField(_("maklumat pelayanan"), blank=True)
    # --- the eight management components ---
    management = models.JSONField(_("komponen manajemen"), default=dict)
    # --- how and where it is applied for ---
    form = models.JSONField(_("formulir"), default=list, blank=True)
    channels = models.JSONField(_("kanal"), default=list)
    all_village_offices = models.BooleanField(_("di semua kantor desa"), default=False)
    service_points = models.ManyToManyField(
        ServicePoint, related_name="service_versions", blank=True, verbose_name=_("tempat layanan")
    )
    workflow = models.ForeignKey(
        "workflow.WorkflowDefinition",
        on_delete=models.PROTECT,
        related_name="service_versions",
        verbose_name=_("alur kerja"),
    )
    content_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )
    published_at = models.DateTimeField(_("diterbitkan"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diterbitkan oleh"),
    )

    class Meta:
        verbose_name = _("versi layanan")
        verbose_name_plural = _("versi layanan")
        ordering = ["service", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["service", "number"], name="service_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.service.code} v{self.number}"
