"""/api/v1/insights: a dashboard's figures as JSON, for the regency's own reporting tools."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from balai.accounts.api_access import api_require, not_found
from balai.core.api_errors import ApiError
from balai.insights.periods import WEEK, Period, period_default
from balai.insights.selectors import dashboard
from balai.insights.subjects import VIEW_PERM, subject_get
from balai.insights.tables import dashboard_tables

router = Router(tags=["insights"])


class TableOut(Schema):
    headers: list[str]
    rows: list[list[Any]]


class DashboardOut(Schema):
    kind: str
    key: str
    name: str
    start: dt.date
    end: dt.date
    tables: dict[str, TableOut]


@router.get("/dashboards/{kind}/{key}", response=DashboardOut)
def dashboard_get(
    request: HttpRequest,
    kind: str,
    key: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
    grain: str = WEEK,
) -> dict[str, Any]:
    """kind: village, district, regency, agency or service_point; key: the region code, or the
    agency's or service point's code. A subject outside the caller's scope is 404."""
    api_require(request, VIEW_PERM)
    subject = subject_get(viewer=request.auth, kind=kind, key=key)
    if subject is None:
        raise not_found()
    if grain not in ("week", "month"):
        raise ApiError(422, "invalid_grain", "Tren hanya per minggu (week) atau bulan (month).")
    period = period_default(grain=grain)
    if start or end:
        if not (start and end) or end < start:
            raise ApiError(422, "invalid_period", "Isi tanggal awal dan akhir dengan benar.")
        period = Period(start=start, end=end, grain=grain)
    d = dashboard(viewer=request.auth, subject=subject, period=period)
    tables = {
        name: {"headers": headers, "rows": rows}
        for name, (headers, rows) in dashboard_tables(d).items()
    }
    return {
        "kind": subject.kind,
        "key": subject.key,
        "name": subject.name,
        "start": period.start,
        "end": period.end,
        "tables": tables,
    }
