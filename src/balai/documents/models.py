"""Document types, issuing offices, number sequences, voided numbers and issued documents."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from balai.documents.choices import DocumentStatus, PageSize, TemplateKind

DEFAULT_NUMBER_FORMAT = "{klasifikasi}/{nomor:03}/{kode_unit}/{tahun}"


class DocumentType(models.Model):
    """One kind of letter; its body text is data, so an admin edits it without a release."""

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    template = models.CharField(
        _("templat"),
        max_length=30,
        choices=TemplateKind.choices,
        default=TemplateKind.VILLAGE_LETTER,
    )
    body = models.TextField(_("isi keterangan"), blank=True)
    # Archive classification code (Permendagri 83/2022); editable data, never hard-coded.
    classification_code = models.CharField(_("kode klasifikasi"), max_length=20, default="400")
    legal_basis = models.CharField(_("dasar hukum"), max_length=300, blank=True)
    page_size = models.CharField(
        _("ukuran kertas"), max_length=2, choices=PageSize.choices, default=PageSize.A4
    )
    service_code = models.CharField(_("kode layanan"), max_length=60, blank=True)
    # An agency's product (a recommendation, a licence, a certificate) is its own type per
    # agency: the agency numbers and signs it. Empty for village and kecamatan letters, whose
    # code is the catalog's product code itself.
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("instansi penerbit"),
    )
    product_code = models.SlugField(_("kode produk katalog"), max_length=60, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("jenis dokumen")
        verbose_name_plural = _("jenis dokumen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "product_code"],
                condition=models.Q(agency__isnull=False),
                name="documents_type_agency_product_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name


class IssuerProfile(models.Model):
    """What every issuer prints besides its letterhead: unit code, address, number format."""

    unit_code = models.CharField(_("kode unit"), max_length=40)
    address = models.CharField(_("alamat kantor"), max_length=250, blank=True)
    number_format = models.CharField(
        _("format nomor"), max_length=120, default=DEFAULT_NUMBER_FORMAT
    )
    signer_name = models.CharField(_("nama penanda tangan"), max_length=120, blank=True)
    # Only a civil servant has a NIP (UU 20/2023 ASN); a kepala desa, a court's Ketua or a
    # state company's manager has none, and then the letter prints no NIP line.
    signer_nip = models.CharField(_("NIP penanda tangan"), max_length=18, blank=True)

    class Meta:
        abstract = True


class OfficeProfile(IssuerProfile):
    """What an issuing office (village, kecamatan) prints: letterhead, unit code, number format."""

    region = models.OneToOneField(
        "regions.Region",
        on_delete=models.PROTECT,
        primary_key=True,
        related_name="document_office",
        verbose_name=_("wilayah kantor"),
    )
    signer_title = models.CharField(_("jabatan penanda tangan"), max_length=80)

    class Meta:
        verbose_name = _("kantor penerbit")
        verbose_name_plural = _("kantor penerbit")

    def __str__(self) -> str:
        return str(self.region)


class AgencyProfile(IssuerProfile):
    """What an issuing agency prints: letterhead, unit code, number format, its head's title."""

    agency = models.OneToOneField(
        "catalog.Agency",
        on_delete=models.PROTECT,
        primary_key=True,
        related_name="document_office",
        verbose_name=_("instansi"),
    )
    signer_title = models.CharField(_("jabatan penanda tangan"), max_length=200)

    class Meta:
        verbose_name = _("instansi penerbit")
        verbose_name_plural = _("instansi penerbit")

    def __str__(self) -> str:
        return str(self.agency)


class OutgoingRegister(models.Model):
    """The issuer's one outgoing register for a year (*buku agenda surat keluar*): every
    document and voided number of a village office, kecamatan or agency takes the next serial
    here, whatever its type, so two letters of one office never share a number. Its row is
    locked while a number is taken."""

    # The office's region code, or "agency-<code>" for an agency (whose region is the regency
    # it shares with the other agencies): one key, so the uniqueness holds without NULLs.
    issuer_key = models.CharField(_("penerbit"), max_length=80)
    office = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("kantor")
    )
    agency = models.ForeignKey(
        "catalog.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    year = models.PositiveIntegerField(_("tahun"))
    last_serial = models.PositiveIntegerField(_("nomor terakhir"), default=0)

    class Meta:
        verbose_name = _("buku agenda surat keluar")
        verbose_name_plural = _("buku agenda surat keluar")
        constraints = [
            models.UniqueConstraint(fields=["issuer_key", "year"], name="documents_register_unique")
        ]

    def __str__(self) -> str:
        return f"{self.issuer_key} {self.year}: {self.last_serial}"


class DocumentNumberVoid(models.Model):
    """A number taken but never used for a document: kept, so it is never given again."""

    regency_code = models.CharField(_("kode kabupaten"), max_length=5, db_index=True)
    office = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("kantor")
    )
    document_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("jenis")
    )
    year = models.PositiveIntegerField(_("tahun"))
    serial = models.PositiveIntegerField(_("urut"))
    number = models.CharField(_("nomor"), max_length=120)
    reason = models.CharField(_("alasan"), max_length=250)
    voided_at = models.DateTimeField(_("dibatalkan"))
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("nomor batal")
        verbose_name_plural = _("nomor batal")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year", "serial"], name="documents_void_register_unique"
            )
        ]

    def __str__(self) -> str:
        return self.number


class Document(models.Model):
    # Every table that grows with people carries its regency (docs/adr/0002-regency-key.md).
    regency_code = models.CharField(_("kode kabupaten"), max_length=5, db_index=True)
    office = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("kantor")
    )
    # Set for an agency's product: `office` is then the agency's region (the regency).
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("instansi penerbit"),
    )
    document_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="documents", verbose_name=_("jenis")
    )
    year = models.PositiveIntegerField(_("tahun"))
    serial = models.PositiveIntegerField(_("urut"))
    number = models.CharField(_("nomor"), max_length=120)
    holder = models.ForeignKey(
        "people.Resident", on_delete=models.PROTECT, related_name="+", verbose_name=_("pemegang")
    )
    holder_name = models.CharField(_("nama pemegang"), max_length=120)
    holder_nik_masked = models.CharField(_("NIK (tersamar)"), max_length=16)
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("permohonan"),
    )
    form_data = models.JSONField(_("data formulir"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.ISSUED
    )
    file = models.FileField(_("berkas"), upload_to="documents/", max_length=200, blank=True)
    sha256 = models.CharField(max_length=64, db_index=True, blank=True)
    seal_code = models.TextField(_("kode segel"), blank=True)
    seal_key_id = models.CharField(_("kunci segel"), max_length=40, blank=True)
    signer_key_id = models.CharField(_("kunci penanda tangan"), max_length=80, blank=True)
    # Who signed, as the register lists it ("Kepala Desa Sumberberas, Sugeng Riyadi"): the
    # office's signer at issue time, kept because the office's record changes with the person.
    signed_by = models.CharField(_("penanda tangan"), max_length=250, blank=True)
    issued_at = models.DateTimeField(_("diterbitkan"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    revoke_reason = models.CharField(_("alasan pencabutan"), max_length=250, blank=True)
    replaced_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("dokumen")
        verbose_name_plural = _("dokumen")
        ordering = ["-issued_at"]
        # One register per issuer and year: an office's serial is unique across its types,
        # an agency's across its products (the agencies of a regency share its region).
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year", "serial"],
                condition=models.Q(agency__isnull=True),
                name="documents_office_register_unique",
            ),
            models.UniqueConstraint(
                fields=["agency", "year", "serial"],
                condition=models.Q(agency__isnull=False),
                name="documents_agency_register_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.number
