"""The stored daily counts (balai insights-refresh) change no figure: trends and the village
ranking equal a raw-SQL recomputation over the cases table whether the days come from the
stored rows, from the live count, or from both; a refresh is idempotent and rewrites the
days of a case changed since the last one."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest

from balai.insights.periods import MONTH, WEEK, Period, day_start
from balai.insights.selectors import dashboard
from balai.insights.services import refresh_daily_counts
from balai.insights.subjects import Kind, subject_find
from tests.fixtures import VILLAGE
from tests.insights.conftest import DISTRICT, NOW
from tests.insights.test_selectors import _fetch, _ts, _where

SUBJECTS = [
    (Kind.REGENCY, "35.10"),
    (Kind.DISTRICT, DISTRICT),
    (Kind.VILLAGE, VILLAGE),
    (Kind.AGENCY, "dispendukcapil"),
    (Kind.SERVICE_POINT, "mpp-banyuwangi"),
]


def _bucket_end(start: dt.date, grain: str) -> dt.date:
    if grain == MONTH:
        return dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return start + dt.timedelta(weeks=1)


def _raw_trend(subject, period: Period) -> list[tuple[int, int, int]]:
    where, params = _where(subject)
    out = []
    for start in period.trend_buckets():
        a, b = _ts(day_start(start)), _ts(day_start(_bucket_end(start, period.grain)))
        (received,) = _fetch(
            f"SELECT COUNT(*) FROM cases_case WHERE {where} AND submitted_at >= %s "
            "AND submitted_at < %s",
            [*params, a, b],
        )[0]
        finished, on_time = _fetch(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN due_at IS NOT NULL AND closed_at <= due_at "
            f"THEN 1 ELSE 0 END), 0) FROM cases_case WHERE {where} AND status IN "
            "('issued', 'rejected') AND closed_at >= %s AND closed_at < %s",
            [*params, a, b],
        )[0]
        out.append((received, finished, on_time))
    return out


def _raw_received_by_village(period: Period) -> dict[str, int]:
    rows = _fetch(
        "SELECT office_region_code, COUNT(*) FROM cases_case WHERE office_region_code LIKE %s "
        "AND submitted_at >= %s AND submitted_at < %s GROUP BY office_region_code",
        [DISTRICT + ".%", _ts(period.start_at), _ts(period.end_at)],
    )
    return dict(rows)


def _assert_equal_raw(viewer, period: Period) -> None:
    for kind, key in SUBJECTS:
        subject = subject_find(kind=kind, key=key)
        d = dashboard(viewer=viewer, subject=subject, period=period, now=NOW)
        got = [(p.received, p.finished, p.on_time) for p in d.trend]
        assert got == _raw_trend(subject, period), (kind, period.grain)
    district = subject_find(kind=Kind.DISTRICT, key=DISTRICT)
    d = dashboard(viewer=viewer, subject=district, period=period, now=NOW)
    assert {r.code: r.received for r in d.ranking if r.received} == _raw_received_by_village(period)


@pytest.mark.django_db
@pytest.mark.parametrize("grain", [WEEK, MONTH])
def test_stored_and_live_days_give_the_raw_figures(generate, make_staff, grain) -> None:
    generate(n=400, seed=5)
    viewer = make_staff("admin_kabupaten", region="35.10")
    period = Period(start=dt.date(2026, 2, 19), end=dt.date(2026, 3, 20), grain=grain)
    # Every day live (nothing stored yet).
    _assert_equal_raw(viewer, period)
    # Stored up to the day before NOW; NOW's day counted live.
    done = refresh_daily_counts(regency_code="35.10", now=NOW)
    assert done.complete_through == dt.date(2026, 3, 19) and done.rows > 0
    _assert_equal_raw(viewer, period)
    # Every day of the period and the trend stored.
    refresh_daily_counts(regency_code="35.10")
    _assert_equal_raw(viewer, period)


@pytest.mark.django_db
def test_refresh_is_idempotent_and_follows_changed_cases(generate, make_staff) -> None:
    from balai.cases.models import Case
    from balai.insights.models import DailyCaseCount

    generate(n=300, seed=9)
    viewer = make_staff("admin_kabupaten", region="35.10")
    period = Period(start=dt.date(2026, 2, 19), end=dt.date(2026, 3, 20))
    first = refresh_daily_counts(regency_code="35.10")
    stored = DailyCaseCount.objects.values_list("day", "office_region_code", "received")
    rows = sorted(stored)
    again = refresh_daily_counts(regency_code="35.10")
    assert (again.days, again.rows) == (0, 0)
    assert first.days > 0
    assert sorted(stored.all()) == rows

    # A village letter moves on to the district office: the day it was received changes.
    case = (
        Case.objects.filter(office_region_code=VILLAGE, submitted_at__gte=period.start_at)
        .order_by("submitted_at")
        .first()
    )
    case.office_region_code = DISTRICT
    case.save()
    moved = refresh_daily_counts(regency_code="35.10")
    assert 1 <= moved.days <= 2  # the day it was submitted, and the day it closed if it did
    _assert_equal_raw(viewer, period)


@pytest.mark.django_db
def test_command_refreshes_every_regency(generate) -> None:
    from django.core.management import call_command

    from balai.insights.models import DailyCaseCountState

    generate(n=100, seed=2)
    out = StringIO()
    call_command("insights-refresh", stdout=out)
    text = out.getvalue()
    assert "35.10:" in text and "35.09:" in text  # the neighbouring regency's cases too
    assert set(DailyCaseCountState.objects.values_list("regency_code", flat=True)) == {
        "35.10",
        "35.09",
    }
    out = StringIO()
    call_command("insights-refresh", "--regency", "35.10", stdout=out)
    assert out.getvalue().startswith("35.10: 0 days rewritten")
