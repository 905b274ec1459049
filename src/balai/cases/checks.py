"""`balai check`: say loudly when the SLA clock's calendar lacks a year it needs."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.db import DatabaseError
from django.utils import timezone


@checks.register()
def holidays_loaded(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from balai.cases.holidays import holiday_years_missing

    try:
        missing = holiday_years_missing(today=timezone.localdate())
    except (DatabaseError, RuntimeError):  # no database yet, or none this process may use
        return []  # no tables yet (before migrate): nothing to check against
    return [
        checks.Warning(
            f"HARI LIBUR {year} BELUM DIMUAT: batas waktu SLA di tahun {year} akan salah hitung.",
            hint=f"Muat SKB 3 Menteri tahun {year}: balai holidays-load --year {year}",
            id="cases.W001",
        )
        for year in missing
    ]
