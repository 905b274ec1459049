"""Statuses and code lists of a case, defined once.

Few statuses, many facts: the legal status says where a case stands in law; everything else is
the workflow state and the history of actions (DESIGN.md, "Few statuses, many facts").
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Diajukan")
    IN_PROCESS = "in_process", _("Diproses")
    NEEDS_CORRECTION = "needs_correction", _("Perlu perbaikan")
    ISSUED = "issued", _("Selesai/terbit")
    REJECTED = "rejected", _("Ditolak")
    CANCELLED = "cancelled", _("Dibatalkan")


CLOSED_STATUSES = frozenset({CaseStatus.ISSUED, CaseStatus.REJECTED, CaseStatus.CANCELLED})


class Channel(models.TextChoices):
    VILLAGE_COUNTER = "village_counter", _("Loket kantor desa")
    MPP_COUNTER = "mpp_counter", _("Loket MPP")
    KIOSK = "kiosk", _("Anjungan mandiri")
    OUTREACH = "outreach", _("Jemput bola")
    ONLINE = "online", _("Daring")


# The catalog's words for where a service is offered (a standard lists them in `channels`).
CATALOG_CHANNELS: dict[str, frozenset[str]] = {
    Channel.VILLAGE_COUNTER: frozenset({"village_office"}),
    Channel.MPP_COUNTER: frozenset({"mpp", "market_desk"}),
    Channel.KIOSK: frozenset({"kiosk"}),
    Channel.OUTREACH: frozenset({"outreach"}),
    Channel.ONLINE: frozenset({"online"}),
}

# Channels where the citizen acts for themself; the others are staff acting on their behalf.
SELF_SERVICE_CHANNELS = frozenset({Channel.KIOSK, Channel.ONLINE})


class RequirementStatus(models.TextChoices):
    REGISTER = "register", _("Terpenuhi dari data kependudukan")
    ISSUED_DOCUMENT = "issued_document", _("Terpenuhi dari dokumen terbitan Balai")
    UPLOADED = "uploaded", _("Diunggah")
    SHOWN = "shown", _("Ditunjukkan di loket")
    MISSING = "missing", _("Belum dipenuhi")


SATISFIED_REQUIREMENTS = frozenset(
    {
        RequirementStatus.REGISTER,
        RequirementStatus.ISSUED_DOCUMENT,
        RequirementStatus.UPLOADED,
        RequirementStatus.SHOWN,
    }
)


class SlaUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("hari kerja")
    HOURS = "hours", _("jam kerja")
    MINUTES = "minutes", _("menit kerja")


class HolidayKind(models.TextChoices):
    NATIONAL = "national", _("Hari libur nasional")
    CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")
    LOCAL = "local", _("Libur daerah")


# Reasons a case may be rejected for; the officer adds free text beside the reason.
REJECTION_REASONS: dict[str, str] = {
    "requirements_incomplete": _("Persyaratan tidak lengkap"),
    "data_mismatch": _("Data tidak sesuai dengan data kependudukan"),
    "not_eligible": _("Pemohon tidak memenuhi ketentuan layanan"),
    "wrong_service": _("Layanan yang dipilih tidak sesuai"),
    "duplicate": _("Permohonan ganda"),
    "document_invalid": _("Dokumen tidak sah atau tidak terbaca"),
    "no_response": _("Pemohon tidak melengkapi perbaikan"),
    "other": _("Alasan lain"),
}

# The action code every case history starts with; it is not a workflow action.
SUBMIT_ACTION = "submit"
