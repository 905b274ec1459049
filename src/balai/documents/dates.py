"""Dates as Indonesian letters write them ("4 Juni 2021") and Roman months for numbers."""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def date_indonesian(value: dt.date) -> str:
    """No leading zero on the day, the month's Indonesian name, the full year."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def month_roman(month: int) -> str:
    if not 1 <= month <= 12:
        raise ValueError(f"month out of range: {month}")
    return ROMAN_MONTHS[month - 1]
