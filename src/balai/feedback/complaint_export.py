"""Complaints as CSV with the fields of the national complaint system SP4N-LAPOR!.

Column names follow the report fields LAPOR! publishes through its data API and its
administrator guide (Buku Panduan Adopsi dan Integrasi LAPOR!-SP4N, KemenPAN-RB/KSP/ORI
2016): tracking ID, date, source channel, classification, category, title, content, location,
agency, anonymity, status and follow-up. The complainant's name and contact are left out:
LAPOR! itself withholds them from shared data.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from balai.core.spreadsheet import csv_writer
from balai.feedback.models import Complaint

COLUMNS = (
    "tracking_id",
    "tanggal_laporan",
    "sumber",
    "klasifikasi",
    "kategori",
    "judul",
    "isi_laporan",
    "lokasi_kode_wilayah",
    "instansi_tujuan",
    "anonim",
    "rahasia",
    "status",
    "batas_tindak_lanjut",
    "tanggal_tindak_lanjut",
    "tindak_lanjut",
)
# LAPOR! classifies reports as aspirasi, pengaduan or permintaan informasi; Balai takes
# complaints only.
CLASSIFICATION = "pengaduan"
# LAPOR! source names for Balai's channels.
SOURCE = {
    "web": "website",
    "kiosk": "anjungan",
    "whatsapp": "whatsapp",
    "sms": "sms",
    "counter": "loket",
}
# LAPOR! statuses: belum terverifikasi / proses / selesai; Balai's four map onto them.
STATUS = {
    "received": "belum_diproses",
    "in_progress": "proses",
    "answered": "proses",
    "closed": "selesai",
}


def _iso(value: Any) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


def _title(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first[:80]


def complaints_csv(*, out: Any, complaints: Iterable[Complaint]) -> None:
    writer = csv_writer(out)
    writer.writerow(COLUMNS)
    for c in complaints:
        writer.writerow(
            [
                c.tracking_code,
                _iso(c.submitted_at),
                SOURCE.get(c.channel, c.channel),
                CLASSIFICATION,
                c.category,
                _title(c.text),
                c.text,
                c.region_code,
                c.agency.name if c.agency else "",
                "ya" if c.anonymous else "tidak",
                "tidak" if c.publish_consent else "ya",
                STATUS.get(c.status, c.status),
                _iso(c.due_at),
                _iso(c.answered_at),
                c.answer,
            ]
        )
