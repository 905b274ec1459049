"""Statuses and kinds of the documents app, defined once."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentStatus(models.TextChoices):
    ISSUED = "issued", _("Berlaku")
    REVOKED = "revoked", _("Dicabut")


class PageSize(models.TextChoices):
    A4 = "a4", _("A4 (210×297 mm)")
    F4 = "f4", _("F4/folio (215×330 mm)")


# Page dimensions in millimetres, as Typst receives them.
PAGE_MM: dict[str, tuple[int, int]] = {PageSize.A4: (210, 297), PageSize.F4: (215, 330)}


class TemplateKind(models.TextChoices):
    VILLAGE_LETTER = "village_letter", _("Surat keterangan desa/kecamatan")
    AGENCY_LETTER = "agency_letter", _("Surat, rekomendasi atau izin instansi")
    CERTIFICATE = "certificate", _("Sertifikat atau tanda daftar instansi")
    NIB = "nib", _("Nomor Induk Berusaha (NIB)")


# The Typst file (typst/<name>.typ) each template kind is drawn with.
TEMPLATE_FILES: dict[str, str] = {
    TemplateKind.VILLAGE_LETTER: "letter",
    TemplateKind.AGENCY_LETTER: "letter",
    TemplateKind.CERTIFICATE: "certificate",
    TemplateKind.NIB: "nib",
}
