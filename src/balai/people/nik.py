"""The NIK and KK number rules, as pure functions.

NIK (DESIGN.md, "Rules of the domain"): 16 digits `PPKKCC DDMMYY SSSS` — the district where the
person was first registered, the birth date with 40 added to the day for women, and a serial from
0001. There is no check digit. KK number: issuing district (6), recording date DDMMYY without the
+40, serial (4).

Nothing here touches the ORM except the default district lookup, which callers may replace with a
set or a callable (the resident import passes a set, so a million rows cost no queries).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Union

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DistrictCheck = Union[Callable[[str], bool], Collection[str], None]  # noqa: UP007

LENGTH = 16
WOMEN_DAY_OFFSET = 40  # Dukcapil adds 40 to the day of birth of women


@dataclass(frozen=True)
class NumberError:
    """One failing part of a NIK or KK number: a stable code and a message for people."""

    code: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class NikInfo:
    sex: str  # "L" or "P", as Sex in choices.py
    birth_date: dt.date
    district_code: str  # dotted, "35.10.05"
    serial: int


@dataclass(frozen=True)
class KkInfo:
    district_code: str
    recorded_on: dt.date
    serial: int


class InvalidNumber(ValueError):
    def __init__(self, errors: list[NumberError]):
        super().__init__("; ".join(e.code for e in errors))
        self.errors = errors


def dotted_district(digits6: str) -> str:
    return f"{digits6[0:2]}.{digits6[2:4]}.{digits6[4:6]}"


def _district_exists_in_table(code: str) -> bool:
    from balai.regions.choices import Level
    from balai.regions.models import Region

    return Region.objects.filter(code=code, level=Level.DISTRICT).exists()


def _district_known(code: str, districts: DistrictCheck) -> bool:
    if districts is None:
        return _district_exists_in_table(code)
    if callable(districts):
        return districts(code)
    return code in districts


def _resolve_century(day: int, month: int, yy: int, today: dt.date) -> dt.date | None:
    """The latest century that gives a real date not in the future, or None."""
    for century in (today.year // 100 * 100, today.year // 100 * 100 - 100):
        try:
            date = dt.date(century + yy, month, day)
        except ValueError:
            # 29 Feb exists in 2000 but not in 1900: try the earlier century too.
            continue
        if date <= today:
            return date
    return None


def _shape_errors(number: str, label: str) -> list[NumberError]:
    if len(number) != LENGTH:
        return [NumberError("length", _("%(label)s harus 16 digit.") % {"label": label})]
    if not (number.isascii() and number.isdigit()):
        return [NumberError("digits", _("%(label)s hanya boleh berisi angka.") % {"label": label})]
    return []


def _common_errors(
    number: str, label: str, districts: DistrictCheck
) -> tuple[list[NumberError], str]:
    errors = _shape_errors(number, label)
    if errors:
        return errors, ""
    district = dotted_district(number[:6])
    if not _district_known(district, districts):
        errors.append(
            NumberError(
                "region",
                _("Kode kecamatan %(code)s pada %(label)s tidak dikenal.")
                % {"code": district, "label": label},
            )
        )
    if number[12:] == "0000":
        errors.append(
            NumberError("serial", _("Nomor urut %(label)s tidak boleh 0000.") % {"label": label})
        )
    return errors, district


def nik_parse(
    nik: str, *, districts: DistrictCheck = None, today: dt.date | None = None
) -> NikInfo:
    """The parts of a valid NIK; raises InvalidNumber naming every failing part."""
    today = today or dt.date.today()  # noqa: DTZ011 - a calendar date, callers pass local today
    nik = nik.strip() if isinstance(nik, str) else str(nik)
    errors, district = _common_errors(nik, "NIK", districts)
    if errors and errors[0].code in ("length", "digits"):
        raise InvalidNumber(errors)
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = "P" if day > WOMEN_DAY_OFFSET else "L"
    if sex == "P":
        day -= WOMEN_DAY_OFFSET
    birth_date = _resolve_century(day, month, yy, today)
    if birth_date is None:
        errors.append(NumberError("date", _("Tanggal lahir pada NIK tidak valid.")))
    if errors:
        raise InvalidNumber(errors)
    return NikInfo(sex=sex, birth_date=birth_date, district_code=district, serial=int(nik[12:]))


def kk_parse(kk: str, *, districts: DistrictCheck = None, today: dt.date | None = None) -> KkInfo:
    """The parts of a valid KK number; raises InvalidNumber naming every failing part."""
    today = today or dt.date.today()  # noqa: DTZ011 - a calendar date
    kk = kk.strip() if isinstance(kk, str) else str(kk)
    errors, district = _common_errors(kk, "Nomor KK", districts)
    if errors and errors[0].code in ("length", "digits"):
        raise InvalidNumber(errors)
    # The KK date is the recording date and never carries the +40 of a woman's NIK.
    recorded = _resolve_century(int(kk[6:8]), int(kk[8:10]), int(kk[10:12]), today)
    if recorded is None:
        errors.append(NumberError("date", _("Tanggal pada nomor KK tidak valid.")))
    if errors:
        raise InvalidNumber(errors)
    return KkInfo(district_code=district, recorded_on=recorded, serial=int(kk[12:]))


def nik_errors(nik: str, **kwargs) -> list[NumberError]:
    try:
        nik_parse(nik, **kwargs)
    except InvalidNumber as exc:
        return exc.errors
    return []


def kk_errors(kk: str, **kwargs) -> list[NumberError]:
    try:
        kk_parse(kk, **kwargs)
    except InvalidNumber as exc:
        return exc.errors
    return []


def nik_compose(*, district_code: str, birth_date: dt.date, sex: str, serial: int) -> str:
    """The NIK Dukcapil would write for these parts (the inverse of nik_parse)."""
    day = birth_date.day + (WOMEN_DAY_OFFSET if sex == "P" else 0)
    return f"{district_code.replace('.', '')}{day:02d}{birth_date:%m%y}{serial:04d}"


def kk_compose(*, district_code: str, recorded_on: dt.date, serial: int) -> str:
    return f"{district_code.replace('.', '')}{recorded_on:%d%m%y}{serial:04d}"


def nik_agreement_errors(info: NikInfo, *, birth_date: dt.date, sex: str) -> list[NumberError]:
    """Where a record's birth date and sex disagree with what its NIK says (`balai nik check`)."""
    errors = []
    if info.birth_date != birth_date:
        errors.append(
            NumberError("birth_date_mismatch", _("Tanggal lahir tidak sesuai dengan NIK."))
        )
    if info.sex != sex:
        errors.append(NumberError("sex_mismatch", _("Jenis kelamin tidak sesuai dengan NIK.")))
    return errors


# Remarks a register record may carry about its NIK. The NIK is permanent (DESIGN.md, "Rules of
# the domain"; UU 24/2013 art. 13: one NIK for life): a resident born in 1925 keeps date part
# 010125, and a birth date corrected after issue leaves the NIK as it was. So a disagreement is
# shown to the operator, never a reason to refuse the record: the register is the truth.
REMARK_CENTURY = "nik_century"
REMARK_BIRTH_DATE = "nik_birth_date"
REMARK_SEX = "nik_sex"
REMARK_MESSAGES = {
    REMARK_CENTURY: gettext_lazy(
        "Tahun lahir pada NIK terbaca abad lain; tanggal lahir register dipakai."
    ),
    REMARK_BIRTH_DATE: gettext_lazy(
        "Tanggal lahir berbeda dengan bagian tanggal NIK (NIK tidak berubah)."
    ),
    REMARK_SEX: gettext_lazy("Jenis kelamin berbeda dengan yang tersirat pada NIK."),
}


def nik_remarks(info: NikInfo, *, birth_date: dt.date | None, sex: str | None) -> list[str]:
    """Remark codes for a record whose birth date or sex disagrees with its NIK's date part.

    The NIK's year has two digits: a birth date that agrees in day, month and those two digits
    but not in the century (a resident born in 1925, date part `010125`) is the century remark.
    """
    remarks = []
    if birth_date is not None and info.birth_date != birth_date:
        same_ddmmyy = (info.birth_date.day, info.birth_date.month, info.birth_date.year % 100) == (
            birth_date.day,
            birth_date.month,
            birth_date.year % 100,
        )
        remarks.append(REMARK_CENTURY if same_ddmmyy else REMARK_BIRTH_DATE)
    if sex and info.sex != sex:
        remarks.append(REMARK_SEX)
    return remarks


def mask_nik(nik: str) -> str:
    """UU 27/2022: lists show the first four and last four digits only (3510********0001)."""
    if len(nik) != LENGTH:
        return "*" * len(nik)
    return f"{nik[:4]}{'*' * 8}{nik[-4:]}"
