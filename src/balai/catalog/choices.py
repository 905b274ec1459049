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


class VersionStatus(models.TextChoices):
    # A version is immutable once published; publishing the next one supersedes it.
    DRAFT = "draft", _("Draf")
    PUBLISHED = "published", _("Terbit")
    SUPERSEDED = "superseded", _("Digantikan")


class Provider(models.TextChoices):
    AGENCY = "agency", _("Instansi")
    VILLAGE = "village", _("Pemerintah desa/kelurahan pemohon")
    DISTRICT = "district", _("Kecamatan pemohon")


class LifeEvent(models.TextChoices):
    KELAHIRAN = "kelahiran", _("Kelahiran")
    SEKOLAH = "sekolah", _("Sekolah")
    BEKERJA = "bekerja", _("Bekerja")
    MENIKAH = "menikah", _("Menikah")
    USAHA = "usaha", _("Usaha")
    PINDAH = "pindah", _("Pindah")
    KESEHATAN = "kesehatan", _("Kesehatan")
    BANTUAN_SOSIAL = "bantuan_sosial", _("Bantuan sosial")
    KENDARAAN = "kendaraan", _("Kendaraan")
    TANAH_BANGUNAN = "tanah_bangunan", _("Tanah dan bangunan")
    PAJAK = "pajak", _("Pajak")
    KEMATIAN = "kematian", _("Kematian")
    LAINNYA = "lainnya", _("Lainnya")


class Segment(models.TextChoices):
    NELAYAN = "nelayan", _("Nelayan")
    PETANI = "petani", _("Petani")
    PENGHAYAT = "penghayat", _("Penghayat kepercayaan")
    LANSIA = "lansia", _("Lanjut usia")
    DISABILITAS = "disabilitas", _("Penyandang disabilitas")
    UMUM = "umum", _("Umum")


class Channel(models.TextChoices):
    VILLAGE_OFFICE = "village_office", _("Kantor desa")
    KIOSK = "kiosk", _("Anjungan mandiri")
    MPP = "mpp", _("Mal Pelayanan Publik")
    MARKET_DESK = "market_desk", _("Pasar Pelayanan Publik")
    OUTREACH = "outreach", _("Jemput bola")
    ONLINE = "online", _("Daring")


class RequirementKind(models.TextChoices):
    DOCUMENT = "document", _("Dokumen")
    GOVERNMENT_DATA = "government_data", _("Data pemerintah")
    PRESENCE = "presence", _("Kehadiran")


class SatisfiedBy(models.TextChoices):
    REGISTER = "register", _("Data kependudukan")
    ISSUED_DOCUMENT = "issued_document", _("Dokumen terbitan Balai")


class SlaUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("hari kerja")
    HOURS = "hours", _("jam")
    MINUTES = "minutes", _("menit")


class FieldType(models.TextChoices):
    TEXT = "text", _("Teks")
    NUMBER = "number", _("Angka")
    DATE = "date", _("Tanggal")
    CHOICE = "choice", _("Pilihan")
    REGION = "region", _("Wilayah")
    RESIDENT_NIK = "resident_nik", _("NIK penduduk")
    KBLI = "kbli", _("KBLI")
    MONEY = "money", _("Uang")
    FILE = "file", _("Berkas")


# The token a service's `service_points` uses for "every village office".
ALL_VILLAGE_OFFICES = "all_village_offices"
# Village office service points are coded after their village.
VILLAGE_OFFICE_PREFIX = "kantor-desa-"


class FeeCollector(models.TextChoices):
    """Who receives a service's fee, which decides how it is paid.

    - Regional taxes and retributions (UU 1/2022 on central-regional fiscal relations, and the
      regency's Perda) go to the regency treasury (Kas Daerah) through its virtual account.
    - State non-tax revenue, PNBP (UU 9/2018; Polri, Imigrasi, BPN, Kemenag), goes to the state
      treasury (Kas Negara) through a SIMPONI billing code (PMK on the PNBP billing system).
    - State companies (PLN, PDAM) bill in their own systems: Balai only records the customer's
      reference and never issues a bill.
    """

    REGIONAL = "daerah", _("Pajak/retribusi daerah (Kas Daerah, virtual account)")
    PNBP = "pnbp", _("PNBP (Kas Negara, kode billing SIMPONI)")
    STATE_COMPANY = "bumn", _("Tagihan BUMN/BUMD (PLN, PDAM) di sistemnya sendiri")
