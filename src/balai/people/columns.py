"""The resident import's columns and how each cell's text becomes a register value.

Header names are Indonesian, as village offices and Dukcapil exports write them. Values accept the
spellings those exports use ("LAKI-LAKI", "L", "ISLAM", "TAMAT SD/SEDERAJAT", ...); matching
ignores case, spacing and punctuation.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from django.utils.translation import gettext as _

# column -> field of Resident (or of the import itself for no_kk / hubungan).
FIELD_OF = {
    "nik": "nik",
    "nama": "name",
    "tempat_lahir": "birth_place",
    "tanggal_lahir": "birth_date",
    "jenis_kelamin": "sex",
    "agama": "religion",
    "status_perkawinan": "marital_status",
    "pendidikan": "education",
    "pekerjaan": "occupation",
    "golongan_darah": "blood_type",
    "disabilitas": "disability",
    "kode_desa": "village_code",
    "dusun": "dusun",
    "rt": "rt",
    "rw": "rw",
    "alamat": "address",
    "telepon": "phone",
    "no_kk": "kk_number",
    "hubungan": "relationship",
    "status": "status",
    "tanggal_status": "status_date",
}
COLUMNS = list(FIELD_OF)
REQUIRED_COLUMNS = ("nik", "nama", "tanggal_lahir", "jenis_kelamin", "kode_desa")
COLUMN_OF = {field: column for column, field in FIELD_OF.items()}


def key(text: str) -> str:
    """Upper case, every run of non-letters one space: 'Laki - laki' -> 'LAKI LAKI'."""
    return re.sub(r"[^0-9A-Z]+", " ", text.upper()).strip()


def _table(entries: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {key(spelling): value for value, spellings in entries.items() for spelling in spellings}


VALUES: dict[str, dict[str, str]] = {
    "sex": _table(
        {
            "L": ("L", "LK", "LAKI-LAKI", "LAKI LAKI", "LAKI", "PRIA", "M", "MALE"),
            "P": ("P", "PR", "PEREMPUAN", "WANITA", "F", "FEMALE"),
        }
    ),
    "religion": _table(
        {
            "islam": ("ISLAM",),
            "kristen": ("KRISTEN", "PROTESTAN", "KRISTEN PROTESTAN"),
            "katolik": ("KATOLIK", "KATHOLIK", "KRISTEN KATOLIK"),
            "hindu": ("HINDU",),
            "buddha": ("BUDDHA", "BUDHA"),
            "konghucu": ("KONGHUCU", "KHONGHUCU", "KONG HU CU"),
            "kepercayaan": (
                "KEPERCAYAAN",
                "PENGHAYAT",
                "PENGHAYAT KEPERCAYAAN",
                "KEPERCAYAAN TERHADAP TUHAN YME",
                "KEPERCAYAAN TERHADAP TUHAN YANG MAHA ESA",
            ),
        }
    ),
    "marital_status": _table(
        {
            "belum_kawin": ("BELUM KAWIN", "BELUM MENIKAH", "LAJANG"),
            # SIAK's values; the older short "KAWIN"/"CERAI HIDUP" of village records read as
            # recorded, as the data migration of the register reads them.
            "kawin_tercatat": ("KAWIN TERCATAT", "KAWIN", "MENIKAH"),
            "kawin_belum_tercatat": ("KAWIN BELUM TERCATAT",),
            "cerai_hidup_tercatat": ("CERAI HIDUP TERCATAT", "CERAI HIDUP"),
            "cerai_hidup_belum_tercatat": ("CERAI HIDUP BELUM TERCATAT",),
            "cerai_mati": ("CERAI MATI",),
        }
    ),
    "education": _table(
        {
            "tidak_sekolah": ("TIDAK/BELUM SEKOLAH", "TIDAK SEKOLAH", "BELUM SEKOLAH"),
            "belum_tamat_sd": ("BELUM TAMAT SD/SEDERAJAT", "BELUM TAMAT SD", "TIDAK TAMAT SD"),
            "sd": ("TAMAT SD/SEDERAJAT", "TAMAT SD", "SD", "SD/SEDERAJAT"),
            "smp": ("SLTP/SEDERAJAT", "SLTP", "SMP", "SMP/SEDERAJAT"),
            "sma": ("SLTA/SEDERAJAT", "SLTA", "SMA", "SMK", "SMA/SEDERAJAT"),
            "d1_d2": ("DIPLOMA I/II", "D1", "D2"),
            "d3": ("AKADEMI/DIPLOMA III/S. MUDA", "AKADEMI/DIPLOMA III/SARJANA MUDA", "D3"),
            "s1": ("DIPLOMA IV/STRATA I", "STRATA I", "D4", "S1"),
            "s2": ("STRATA II", "S2"),
            "s3": ("STRATA III", "S3"),
        }
    ),
    "blood_type": _table(
        {
            "A": ("A", "A+", "A-"),
            "B": ("B", "B+", "B-"),
            "AB": ("AB", "AB+", "AB-"),
            "O": ("O", "O+", "O-"),
            "-": ("-", "TIDAK TAHU", "TIDAK DIKETAHUI"),
        }
    ),
    "relationship": _table(
        {
            "kepala_keluarga": ("KEPALA KELUARGA", "KK", "KEPALA"),
            "suami": ("SUAMI",),
            "istri": ("ISTRI", "ISTERI"),
            "anak": ("ANAK",),
            "menantu": ("MENANTU",),
            "cucu": ("CUCU",),
            "orang_tua": ("ORANG TUA", "ORANGTUA"),
            "mertua": ("MERTUA",),
            "famili_lain": ("FAMILI LAIN",),
            "pembantu": ("PEMBANTU",),
            "lainnya": ("LAINNYA",),
        }
    ),
    "status": _table(
        {
            "hidup": ("HIDUP", "AKTIF"),
            "meninggal": ("MENINGGAL", "MATI", "MENINGGAL DUNIA"),
            "pindah": ("PINDAH", "PINDAH KELUAR"),
        }
    ),
}
# The blood type's "+"/"-" would vanish in key(); those are looked up before key() is applied.
BLOOD_EXACT = {"-": "-", "A+": "A", "A-": "A", "B+": "B", "B-": "B", "O+": "O", "O-": "O"}
BLOOD_EXACT |= {"AB+": "AB", "AB-": "AB"}
DEFAULTS = {"blood_type": "-", "status": "hidup"}
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATE_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


class CellError(ValueError):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def text_of(value: Any) -> str:
    """A cell as text: spreadsheets hand numbers and dates over as such."""
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


@functools.lru_cache(maxsize=65536)  # a regency has some 30,000 distinct birth dates
def parse_date(text: str) -> dt.date:
    """YYYY-MM-DD or DD-MM-YYYY (also with / or .)."""
    match = _DATE_ISO.match(text)
    try:
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        match = _DATE_DMY.match(text)
        if match:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        pass
    raise CellError("date", _("Tanggal tidak valid; tulis TTTT-BB-HH atau HH-BB-TTTT."))


@functools.lru_cache(maxsize=4096)  # a few dozen spellings recur a million times
def parse_choice(field: str, text: str) -> str:
    if field == "blood_type" and text.upper() in BLOOD_EXACT:
        return BLOOD_EXACT[text.upper()]
    value = VALUES[field].get(key(text))
    if value is None:
        raise CellError("choice", _("Nilai tidak dikenal."))
    return value


def parse_number(text: str) -> str:
    # Spreadsheets and some exports add spaces or a leading apostrophe to keep 16 digits.
    return text.lstrip("'").replace(" ", "")


def parse_rt_rw(text: str) -> str:
    digits = text.lstrip("0") or ("0" if text else "")
    if text and not text.isdigit():
        raise CellError("digits", _("RT/RW hanya boleh berisi angka."))
    return digits.zfill(3) if text else ""
