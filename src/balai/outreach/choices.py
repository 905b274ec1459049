"""Statuses of outreach days, defined once."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    DONE = "done", _("Selesai")


class ItemSource(models.TextChoices):
    INTAKE = "intake", _("Pendampingan langsung")
    IMPORT = "import", _("Impor XLSX")


class BatchStatus(models.TextChoices):
    RUNNING = "running", _("Berjalan")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


# The XLSX template's columns, in order; the first row of the sheet names them.
COLUMNS = ["nik", "nama_usaha", "kbli", "alamat_usaha", "kode_desa", "modal", "tenaga_kerja"]
