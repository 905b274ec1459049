"""Agencies, the places they serve from, and the services they offer."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from balai.catalog.choices import AgencyKind, ServicePointKind, ServiceStatus


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
    code = models.SlugField(_("kode"), max_length=60, unique=True)
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
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="services", verbose_name=_("instansi")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ServiceStatus.choices, default=ServiceStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("versi"), default=1)

    class Meta:
        verbose_name = _("layanan")
        verbose_name_plural = _("layanan")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
