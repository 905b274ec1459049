"""Letter numbers: formatted per office, taken from the office's one outgoing register for the
year (*buku agenda surat keluar*) inside the issuing transaction, so two letters of one office
never share a number, whatever their type, and a rolled-back issue leaves no gap.

Village letter numbers are classification / serial / unit code / year, sometimes with a Roman
month (Permendagri 83/2022 for the classification codes, which stay editable data).
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from balai.documents.dates import month_roman
from balai.documents.errors import DocumentError
from balai.documents.models import DocumentType, OutgoingRegister
from balai.regions.models import Region

# `kode_desa` and `kode_wilayah` name the same unit code as `kode_unit`, for the village
# format written the way village offices say it (`{klasifikasi}/{nomor}/{kode_desa}/{tahun}`).
FIELDS = frozenset(
    {"klasifikasi", "nomor", "kode_unit", "kode_desa", "kode_wilayah", "tahun", "bulan"}
    | {"bulan_romawi"}
)


@dataclass(frozen=True)
class TakenNumber:
    year: int
    serial: int
    number: str


def number_format_check(fmt: str) -> None:
    """Refuses a format that names an unknown field or leaves out the serial."""
    try:
        names = {name for _text, name, _spec, _conv in string.Formatter().parse(fmt) if name}
    except ValueError as exc:
        raise DocumentError("number_format_invalid", _("Format nomor tidak valid.")) from exc
    unknown = names - FIELDS
    if unknown:
        raise DocumentError(
            "number_format_unknown_field",
            _("Format nomor memuat isian yang tidak dikenal: %(names)s")
            % {"names": ", ".join(sorted(unknown))},
        )
    if "nomor" not in names:
        raise DocumentError("number_format_no_serial", _("Format nomor harus memuat {nomor}."))


def number_format(
    fmt: str, *, classification: str, serial: int, unit_code: str, on: dt.date
) -> str:
    number_format_check(fmt)
    return fmt.format(
        klasifikasi=classification,
        nomor=serial,
        kode_unit=unit_code,
        kode_desa=unit_code,
        kode_wilayah=unit_code,
        tahun=on.year,
        bulan=on.month,
        bulan_romawi=month_roman(on.month),
    )


def register_key(*, office: Region, agency: Any = None) -> str:
    """The register an issuer numbers from: the office's, or the agency's own."""
    return f"agency-{agency.code}" if agency is not None else office.code


def number_take(
    *,
    office: Region,
    document_type: DocumentType,
    on: dt.date,
    fmt: str,
    unit_code: str,
    agency: Any = None,
) -> TakenNumber:
    """The next serial of the issuer's register for the year, whatever the type. Must run
    inside the issuing transaction: the register row stays locked until it commits, and a
    rollback gives the serial back."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("number_take must run inside the issuing transaction")
    key = register_key(office=office, agency=agency)
    OutgoingRegister.objects.get_or_create(
        issuer_key=key, year=on.year, defaults={"office": office, "agency": agency}
    )
    # An UPDATE first takes the row lock and increments in the database, so concurrent issuers
    # queue on the row instead of reading a stale value (no read-modify-write).
    OutgoingRegister.objects.filter(issuer_key=key, year=on.year).update(
        last_serial=F("last_serial") + 1
    )
    serial = (
        OutgoingRegister.objects.filter(issuer_key=key, year=on.year)
        .values_list("last_serial", flat=True)
        .get()
    )
    number = number_format(
        fmt,
        classification=document_type.classification_code,
        serial=serial,
        unit_code=unit_code,
        on=on,
    )
    return TakenNumber(year=on.year, serial=serial, number=number)
