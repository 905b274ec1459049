"""What each notification says, in Bahasa Indonesia, by template code.

A message carries only what the recipient needs to act: the service, the tracking code, the
stage and a link. Never a NIK, a name of someone else or an address (UU 27/2022): a WhatsApp or
SMS may be read on a shared phone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MessageTemplate:
    body: Promise
    subject: Promise | str = ""
    # A sign-in code: its text is blanked in the outbox once sent or given up (worker.py).
    secret: bool = False


TEMPLATES: dict[str, MessageTemplate] = {
    "outreach_invitation": MessageTemplate(
        _(
            "Layanan jemput bola %(title)s di desa Anda pada %(date)s: daftar usaha (NIB) dan "
            "layanan lain langsung di tempat. Bawa KTP-el."
        )
    ),
    "case_submitted": MessageTemplate(
        _(
            "Permohonan %(service)s Anda sudah diterima. Kode lacak: %(code)s. "
            "Ikuti perkembangannya di %(link)s"
        )
    ),
    "case_progress": MessageTemplate(
        _("Permohonan %(service)s (%(code)s) kini pada tahap: %(stage)s. Lihat %(link)s")
    ),
    "case_returned": MessageTemplate(
        _(
            "Permohonan %(service)s (%(code)s) perlu diperbaiki. Lihat catatan petugas di "
            "%(link)s atau datang ke kantor desa."
        )
    ),
    "case_rejected": MessageTemplate(
        _("Permohonan %(service)s (%(code)s) ditolak: %(reason)s. Lihat %(link)s")
    ),
    "case_issued": MessageTemplate(
        _("Permohonan %(service)s (%(code)s) sudah selesai dan dokumennya terbit. Lihat %(link)s")
    ),
    "case_issued_survey": MessageTemplate(
        _(
            "Permohonan %(service)s (%(code)s) sudah selesai dan dokumennya terbit. "
            "Lihat %(link)s . Mohon nilai layanan kami (1 menit): %(survey)s"
        )
    ),
    "case_cancelled": MessageTemplate(
        _("Permohonan %(service)s (%(code)s) dibatalkan. Lihat %(link)s")
    ),
    "case_escalated": MessageTemplate(
        _(
            "Permohonan %(code)s (%(service)s) melewati batas waktu layanan (%(due)s) dan "
            "masih menunggu tindakan di %(office)s. Mohon segera ditindaklanjuti: %(link)s"
        ),
        _("Permohonan %(code)s melewati batas waktu"),
    ),
    "citizen_sign_in_code": MessageTemplate(
        _(
            "Kode masuk Balai Anda: %(code)s. Berlaku %(minutes)s menit. Jangan berikan kode "
            "ini kepada siapa pun, termasuk petugas."
        ),
        secret=True,
    ),
    "staff_login_code": MessageTemplate(
        _(
            "Kode masuk Balai Anda: %(code)s. Berlaku %(minutes)s menit. Jika Anda tidak "
            "memintanya, seseorang sedang mencoba masuk dengan akun Anda: hubungi admin."
        ),
        _("Kode masuk Balai"),
        secret=True,
    ),
}

# What a sent secret message keeps in the outbox instead of its text.
REDACTED = "[kode disembunyikan setelah dikirim]"


def is_secret(code: str) -> bool:
    template = TEMPLATES.get(code)
    return bool(template and template.secret)


def message_render(code: str, context: dict[str, Any]) -> tuple[str, str]:
    """(subject, text) of template `code`, always in Bahasa Indonesia (the citizen's language
    on record; the English catalogue is for staff reading the outbox)."""
    template = TEMPLATES[code]
    with translation.override("id"):
        subject = str(template.subject) % context if template.subject else ""
        return subject, str(template.body) % context
