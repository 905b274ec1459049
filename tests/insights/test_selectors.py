"""Dashboard figures against a direct recomputation in SQL over generated data (both
databases): the raw queries here are written independently of the selectors."""

from __future__ import annotations

import datetime as dt
import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from balai.insights.periods import Period
from balai.insights.selectors import dashboard
from balai.insights.sql import percentile_of_sorted
from balai.insights.subjects import Kind, subject_find
from tests.fixtures import OTHER_DISTRICT_VILLAGE, VILLAGE
from tests.insights.conftest import DISTRICT, NOW

PERIOD = Period(start=dt.date(2026, 2, 19), end=dt.date(2026, 3, 20))


def _fetch(sql: str, params: list) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _ts(value: dt.datetime):
    from django.db import connection

    return connection.ops.adapt_datetimefield_value(value)


def _where(subject) -> tuple[str, list]:
    if subject.kind == Kind.REGENCY:
        return "regency_code = %s", [subject.key]
    if subject.kind == Kind.VILLAGE:
        return "office_region_code = %s", [subject.key]
    if subject.kind == Kind.DISTRICT:
        return "(office_region_code = %s OR office_region_code LIKE %s)", [
            subject.key,
            subject.key + ".%",
        ]
    if subject.kind == Kind.AGENCY:
        return "office_agency_id = %s", [subject.obj.pk]
    return "service_point_id = %s", [subject.obj.pk]


def _seconds_sql() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        return "EXTRACT(EPOCH FROM (closed_at - submitted_at))"
    return "(julianday(closed_at) - julianday(submitted_at)) * 86400.0"


def _expected(subject) -> dict:
    where, params = _where(subject)
    start, end, now = _ts(PERIOD.start_at), _ts(PERIOD.end_at), _ts(NOW)
    received = _fetch(
        f"SELECT COUNT(*) FROM cases_case WHERE {where} AND submitted_at >= %s "
        "AND submitted_at < %s",
        [*params, start, end],
    )[0][0]
    finished_where = (
        f"{where} AND status IN ('issued', 'rejected') AND closed_at >= %s AND closed_at < %s"
    )
    finished, on_time = _fetch(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN due_at IS NOT NULL AND closed_at <= due_at "
        f"THEN 1 ELSE 0 END), 0) FROM cases_case WHERE {finished_where}",
        [*params, start, end],
    )[0]
    durations = [
        float(r[0])
        for r in _fetch(
            f"SELECT {_seconds_sql()} FROM cases_case WHERE {finished_where}",
            [*params, start, end],
        )
    ]
    opened, overdue = _fetch(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN due_at < %s AND sla_paused_at IS NULL "
        f"THEN 1 ELSE 0 END), 0) FROM cases_case WHERE {where} AND closed_at IS NULL",
        [now, *params],
    )[0]
    median = statistics.median(durations) if durations else None
    p90 = (
        statistics.quantiles(durations, n=10, method="inclusive")[8]
        if len(durations) > 1
        else (durations[0] if durations else None)
    )
    return dict(
        received=received,
        finished=finished,
        on_time=on_time,
        median=median,
        p90=p90,
        open=opened,
        overdue=overdue,
    )


SUBJECTS = [
    (Kind.REGENCY, "35.10"),
    (Kind.DISTRICT, DISTRICT),
    (Kind.VILLAGE, VILLAGE),
    (Kind.VILLAGE, OTHER_DISTRICT_VILLAGE),
    (Kind.AGENCY, "dispendukcapil"),
    (Kind.SERVICE_POINT, "mpp-banyuwangi"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "key"), SUBJECTS)
def test_case_figures_equal_raw_sql(generate, make_staff, kind, key) -> None:
    generate(n=500, seed=7)
    viewer = make_staff("admin_kabupaten", region="35.10")
    subject = subject_find(kind=kind, key=key)
    d = dashboard(viewer=viewer, subject=subject, period=PERIOD, now=NOW)
    want = _expected(subject)
    assert want["finished"] > 0 and want["received"] > 0  # the data exercises the figure
    assert d.cases.received == want["received"]
    assert (d.cases.finished, d.cases.on_time) == (want["finished"], want["on_time"])
    assert d.cases.median_s == pytest.approx(want["median"], abs=1e-3)
    assert d.cases.p90_s == pytest.approx(want["p90"], abs=1e-3)
    assert (d.backlog.open, d.backlog.overdue) == (want["open"], want["overdue"])
    # Per service rows add up to the whole.
    assert sum(r.finished for r in d.services) == want["finished"]
    assert sum(r.received for r in d.services) == want["received"]


@pytest.mark.django_db
def test_ranking_and_trend_equal_raw_sql(generate, make_staff) -> None:
    generate(n=500, seed=11)
    viewer = make_staff("camat", region=DISTRICT)
    subject = subject_find(kind=Kind.DISTRICT, key=DISTRICT)
    d = dashboard(viewer=viewer, subject=subject, period=PERIOD, now=NOW)
    rows = _fetch(
        "SELECT office_region_code, COUNT(*), SUM(CASE WHEN due_at IS NOT NULL AND "
        "closed_at <= due_at THEN 1 ELSE 0 END) FROM cases_case WHERE office_region_code LIKE %s "
        "AND status IN ('issued', 'rejected') AND closed_at >= %s AND closed_at < %s "
        "GROUP BY office_region_code",
        [DISTRICT + ".%", _ts(PERIOD.start_at), _ts(PERIOD.end_at)],
    )
    want = {code: (n, on_time) for code, n, on_time in rows}
    got = {r.code: (r.finished, r.on_time) for r in d.ranking if r.finished}
    assert got == want and VILLAGE in got
    # Every village of the district is ranked, the ones with figures first, by compliance.
    from balai.regions.models import Region

    assert len(d.ranking) == Region.objects.filter(code__startswith=DISTRICT + ".").count()
    shares = [r.compliance for r in d.ranking if r.finished]
    assert shares == sorted(shares, reverse=True)
    # The trend's last week holds the cases received since its Monday (local time).
    last = d.trend[-1]
    monday = PERIOD.end - dt.timedelta(days=PERIOD.end.weekday())
    assert last.start == monday
    where, params = _where(subject)
    from balai.insights.periods import day_start

    (received,) = _fetch(
        f"SELECT COUNT(*) FROM cases_case WHERE {where} AND submitted_at >= %s "
        "AND submitted_at < %s",
        [*params, _ts(day_start(monday)), _ts(day_start(monday + dt.timedelta(days=7)))],
    )[0]
    assert last.received == received
    assert sum(p.received for p in d.trend) > last.received


@pytest.mark.django_db
def test_ikm_complaints_and_queue_figures(generate, make_staff) -> None:
    from balai.feedback.ikm import ikm_from_sums

    world = generate(n=50, seed=3)
    viewer = make_staff("admin_kabupaten", region="35.10")
    subject = subject_find(kind=Kind.VILLAGE, key=VILLAGE)
    d = dashboard(viewer=viewer, subject=subject, period=PERIOD, now=NOW)
    cols = ", ".join(f"SUM(u{i})" for i in range(1, 10))
    row = _fetch(
        f"SELECT COUNT(*), {cols} FROM feedback_surveyresponse WHERE region_code = %s "
        "AND submitted_at >= %s AND submitted_at < %s",
        [VILLAGE, _ts(PERIOD.start_at), _ts(PERIOD.end_at)],
    )[0]
    assert d.ikm == ikm_from_sums(sums=list(row[1:]), respondents=row[0])
    received, answered = _fetch(
        "SELECT COUNT(*), SUM(CASE WHEN answered_at IS NOT NULL THEN 1 ELSE 0 END) "
        "FROM feedback_complaint WHERE region_code = %s AND submitted_at >= %s "
        "AND submitted_at < %s",
        [VILLAGE, _ts(PERIOD.start_at), _ts(PERIOD.end_at)],
    )[0]
    assert (d.complaints.received, d.complaints.answered) == (received, answered or 0)

    point = subject_find(kind=Kind.SERVICE_POINT, key=world.mpp.code)
    q = dashboard(viewer=viewer, subject=point, period=PERIOD, now=NOW)
    assert q.complaints is None  # a counter answers no complaint
    waits = sorted(
        (called - issued).total_seconds()
        for issued, called in _pairs(world, PERIOD.start, PERIOD.end)
    )
    assert q.queue.tickets == len(waits) > 0
    assert q.queue.wait_median_s == pytest.approx(statistics.median(waits))


def _pairs(world, start, end):
    from balai.queueing.models import Ticket

    for t in Ticket.objects.filter(day__gte=start, day__lte=end):
        events = {e.kind: e.at for e in t.events.all()}
        yield events["issued"], events["called"]


# No deadline: on a loaded machine an example can take longer than Hypothesis's 200 ms, and
# that would fail the test for the machine's sake, not the definition's.
@settings(deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=1e7), min_size=2, max_size=60))
def test_percentile_matches_the_inclusive_definition(values) -> None:
    ordered = sorted(values)
    assert percentile_of_sorted(ordered, 0.5) == pytest.approx(statistics.median(ordered))
    deciles = statistics.quantiles(ordered, n=10, method="inclusive")
    assert percentile_of_sorted(ordered, 0.9) == pytest.approx(deciles[8])
    assert percentile_of_sorted(ordered, 0.0) == ordered[0]
    assert percentile_of_sorted(ordered, 1.0) == ordered[-1]
