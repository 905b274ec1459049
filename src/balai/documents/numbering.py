"""Letter numbers: formatted per office, taken from a locked sequence row inside the issuing
transaction, so two clerks never get the same number and a rolled-back issue leaves no gap.

Village letter numbers are classification / serial / unit code / year, sometimes with a Roman
month (Permendagri 83/2022 for the classification codes, which stay editable data).
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from balai.documents.dates import month_roman
from balai.documents.errors import DocumentError
from balai.documents.models import DocumentType, NumberSequence
from balai.regions.models import Region

FIELDS = frozenset({"klasifikasi", "nomor", "kode_unit", "tahun", "bulan", "bulan_romawi"})


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
        tahun=on.year,
        bulan=on.month,
        bulan_romawi=month_roman(on.month),
    )


def number_take(
    *, office: Region, document_type: DocumentType, on: dt.date, fmt: str, unit_code: str
) -> TakenNumber:
    """The next serial for (office, type, year). Must run inside the issuing transaction: the
    sequence row stays locked until it commits, and a rollback gives the serial back."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("number_take must run inside the issuing transaction")
    NumberSequence.objects.get_or_create(office=office, document_type=document_type, year=on.year)
    sequence = NumberSequence.objects.select_for_update().get(
        office=office, document_type=document_type, year=on.year
    )
    sequence.last_serial += 1
    sequence.save(update_fields=["last_serial"])
    number = number_format(
        fmt,
        classification=document_type.classification_code,
        serial=sequence.last_serial,
        unit_code=unit_code,
        on=on,
    )
    return TakenNumber(year=on.year, serial=sequence.last_serial, number=number)
