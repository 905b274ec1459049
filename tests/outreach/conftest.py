"""Outreach fixtures: those of licensing (KBLI, sandbox OSS, keys) plus a planned day."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from tests.fixtures import VILLAGE
from tests.licensing.conftest import (  # noqa: F401 - fixtures shared with licensing
    _document_storage,
    _kbli_table,
    dpmptsp,
    gateway,
    kbli,
    key_dir,
    officer,
    sandbox,
)


@pytest.fixture
def event(regions, officer, dpmptsp):  # noqa: F811 - fixtures imported above
    from balai.outreach.services import event_plan

    return event_plan(
        actor=officer,
        village=regions.get(code=VILLAGE),
        date=dt.date(2026, 12, 5),
        title="Bupati Ngantor di Desa Sumberberas",
        agencies=["DPMPTSP", "Dispendukcapil"],
        services=["NIB", "KTP-el"],
        staff=["petugas1"],
        target_registrations=1200,
        agency=dpmptsp,
    )


def xlsx_bytes(rows: list[list]) -> io.BytesIO:
    import openpyxl

    from balai.outreach.choices import COLUMNS

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out
