from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    VILLAGE = "village", _("Pemerintah desa/kelurahan")
    DISTRICT = "district", _("Kecamatan")
    REGENCY_OFFICE = "regency_office", _("Perangkat daerah kabupaten")
    VERTICAL = "vertical", _("Instansi vertikal")
    TAX_OFFICE = "tax_office", _("Kantor pajak")
    STATE_COMPANY = "state_company", _("BUMN/BUMD")
    BANK = "bank", _("Bank")
    SOCIAL_SECURITY = "social_security", _("BPJS")


class ServicePointKind(models.TextChoices):
    MPP = "mpp", _("Mal Pelayanan Publik")
    MARKET_DESK = "market_desk", _("Pasar Pelayanan Publik")
    VILLAGE_OFFICE = "village_office", _("Kantor desa/kelurahan")
    DISTRICT_OFFICE = "district_office", _("Kantor kecamatan")
    SEGMENT_DESK = "segment_desk", _("Loket khusus segmen")
    AGENCY_OFFICE = "agency_office", _("Kantor instansi")


class ServiceStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    PUBLISHED = "published", _("Terbit")
    RETIRED = "retired", _("Tidak berlaku")
