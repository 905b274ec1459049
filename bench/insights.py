#!/usr/bin/env python3
"""The regency dashboard over two million cases on PostgreSQL, against a bare
`SELECT count(*)` over the same table in the same run.

The cases are written by one `INSERT ... SELECT` over `generate_series` into a throwaway
database, as a bulk load (secondary indexes built afterwards, foreign-key triggers off):
two years of a regency's applications over 217 villages, 25 districts, four agencies and
sixty services (distribution at CASES_SQL). The daily case counts are then built once, as
`balai insights-refresh` keeps them, and `dashboard()` is what the page calls: every figure
(percentiles exact, with `percentile_cont`). Last stdout line:
{"p95_ms", "p50_ms", "village_p95_ms", "cases", "runs", "baseline_ms", "ratio"}.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time

import psycopg

SERVER = "postgresql://postgres@127.0.0.1:5432"
DB_NAME = os.environ.get("BENCH_INSIGHTS_DB", "balai_bench_insights")
CASES = int(os.environ.get("BENCH_INSIGHTS_CASES", 2_000_000))
RUNS = int(os.environ.get("BENCH_INSIGHTS_RUNS", 20))
# BENCH_INSIGHTS_EXPLAIN=1: EXPLAIN (ANALYZE, BUFFERS) every query of both dashboards, to
# stderr. BENCH_INSIGHTS_KEEP=1: leave the database behind for a closer look.
EXPLAIN = os.environ.get("BENCH_INSIGHTS_EXPLAIN") == "1"
KEEP = os.environ.get("BENCH_INSIGHTS_KEEP") == "1"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def recreate(drop_only: bool = False) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


AGENCIES = 4
SERVICES = 60  # a third of them agencies' services, the rest villages' letters


def seed_reference():
    """Banyuwangi's regions (25 districts, 217 villages), four agencies, a service point,
    sixty services, one resident."""
    import datetime as dt

    from balai.accounts.models import StaffRole, User
    from balai.catalog.models import Agency, Service, ServicePoint
    from balai.people.models import Resident
    from balai.regions.models import Region
    from balai.regions.services import load_regions

    load_regions(prefixes=["35.10"])
    agencies = [
        Agency.objects.create(
            code=f"instansi-{i}",
            kind="regency_office",
            name=f"Instansi {i}",
            short_name=f"Instansi {i}",
            region_id="35.10",
        )
        for i in range(AGENCIES)
    ]
    point = ServicePoint.objects.create(code="mpp", kind="mpp", name="MPP", region_id="35.10")
    services = [
        Service.objects.create(
            code=f"layanan-{i}",
            name=f"Layanan {i}",
            agency=agencies[i % AGENCIES] if i < SERVICES // 3 else None,
            status="published",
        )
        for i in range(SERVICES)
    ]
    village = Region.objects.filter(level="village").order_by("code").first()
    resident = Resident.objects.create(
        regency_code="35.10", nik="3510054406850001", name="Warga", birth_place="Banyuwangi",
        birth_date=dt.date(1985, 6, 4), sex="P", religion="islam", marital_status="kawin",
        village_id=village.code, address="-",
    )  # fmt: skip
    user = User.objects.create(username="bupati")
    StaffRole.objects.create(user=user, role="pimpinan", region_id="35.10")
    return user, agencies, point, services, resident


# Two years of a regency's applications, drawn in SQL (seeded, so every run writes the same
# table). 30% go to an agency (60% of those filed at the MPP counter), the rest to a village
# office, one in ten of those moving on to its district office (a letter the camat signs).
# 85% are closed: issued 90%, rejected 7%, cancelled 3%, after a skewed 0-20 days against a
# promise of 1-10 days (those whose closing day is still to come are open today). The 15%
# still open are the last four months' applications, some with long promises (permits), so a
# few % of all cases are overdue; one open case in ten waits on the citizen.
CASES_SQL = """
WITH g AS (
  SELECT n, random() AS r_kind, random() AS r_open, random() AS r_age, random() AS r_took,
         random() AS r_due, random() AS r_status, random() AS r_office, random() AS r_pause,
         random() AS r_svc
  FROM generate_series(1, %(cases)s) AS n
), c AS (
  SELECT *, r_kind < 0.3 AS agency_case, r_open < 0.15 AS open_case,
         CASE WHEN r_open < 0.15 THEN now() - r_age * interval '120 days'
              ELSE now() - r_age * interval '730 days' END AS submitted
  FROM g
), d AS (
  SELECT *,
         CASE WHEN open_case THEN submitted + (3 + r_due * 200) * interval '1 day'
              ELSE submitted + (1 + floor(r_due * 10)) * interval '1 day' END AS due,
         CASE WHEN NOT open_case
              THEN submitted + r_took * r_took * interval '20 days' END AS closed,
         (%(villages)s::text[])[1 + floor(r_office * %(n_villages)s)::int] AS village
  FROM c
)
INSERT INTO cases_case (
  regency_code, tracking_code, service_id, service_version, workflow_code,
  workflow_version, workflow_definition, applicant_id, beneficiary_id, channel,
  service_point_id, state, status, office_region_code, office_agency_id,
  form_data, register_data, submitted_at, sla_amount, sla_unit, sla_paused, sla_paused_at,
  due_at, closed_at, updated_at
)
SELECT '35.10', 'B' || lpad(n::text, 7, '0'),
       CASE WHEN agency_case
            THEN (%(agency_services)s::int[])[1 + floor(r_svc * %(n_agency)s)::int]
            ELSE (%(village_services)s::int[])[1 + floor(r_svc * %(n_village)s)::int] END,
       1, 'w', 1, '{}'::jsonb, %(resident)s, %(resident)s,
       CASE WHEN agency_case AND r_office < 0.6 THEN 'mpp_counter' ELSE 'village_counter' END,
       CASE WHEN agency_case AND r_office < 0.6 THEN %(point)s END,
       status, status,
       CASE WHEN agency_case THEN ''
            WHEN r_kind > 0.93 THEN left(village, 8)
            ELSE village END,
       CASE WHEN agency_case
            THEN (%(agencies)s::int[])[1 + floor(r_svc * %(n_agency)s)::int %% %(n_agencies)s]
       END,
       '{}'::jsonb, '{}'::jsonb, submitted, 3, 'working_days', 0,
       CASE WHEN open_case AND r_pause < 0.1 THEN now() - interval '1 day' END,
       due, closed, now()
FROM (
  SELECT n, r_kind, r_office, r_svc, r_pause, submitted, due, village, agency_case,
         open_case OR closed > now() AS open_case,
         CASE WHEN closed <= now() THEN closed END AS closed,
         CASE WHEN open_case OR closed > now() THEN 'submitted'
              WHEN r_status < 0.90 THEN 'issued'
              WHEN r_status < 0.97 THEN 'rejected'
              ELSE 'cancelled' END AS status
  FROM d
) AS rows
"""


def seed_cases(agencies, point, services, resident) -> None:
    """Two million cases in one statement, written the way a bulk load is: the table's
    secondary indexes dropped and built again afterwards (in parallel, sorted once instead of
    updated row by row) and the foreign-key triggers off for the load (every id it writes
    comes from the rows just created; Django's deferred checks would queue one event per row
    per key until commit)."""
    from django.db import connection, transaction

    from balai.regions.models import Region

    villages = list(
        Region.objects.filter(level="village", code__startswith="35.10.")
        .order_by("code")
        .values_list("code", flat=True)
    )
    agency_services = [s.pk for s in services if s.agency_id]
    village_services = [s.pk for s in services if not s.agency_id]
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(
            """
            SELECT indexname, indexdef FROM pg_indexes
            WHERE tablename = 'cases_case' AND indexname NOT IN (
              SELECT conname FROM pg_constraint WHERE conrelid = 'cases_case'::regclass)
            """
        )
        indexes = cur.fetchall()
        for name, _ in indexes:
            cur.execute(f'DROP INDEX "{name}"')
        cur.execute("SET LOCAL session_replication_role = replica")
        cur.execute("SELECT setseed(0.42)")
        cur.execute(
            CASES_SQL,
            {
                "cases": CASES,
                "agency_services": agency_services,
                "n_agency": len(agency_services),
                "village_services": village_services,
                "n_village": len(village_services),
                "resident": resident.pk,
                "point": point.pk,
                "villages": villages,
                "n_villages": len(villages),
                "agencies": [a.pk for a in agencies],
                "n_agencies": len(agencies),
            },
        )
        cur.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _, definition in indexes:
            cur.execute(definition)
    with connection.cursor() as cur:
        # Index-only scans need the visibility map a fresh table lacks until vacuumed.
        cur.execute("VACUUM ANALYZE cases_case")


def timed(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        fn()
        times.append((time.perf_counter() - began) * 1000)
    return times


def explain(label: str, fn) -> None:
    """Each query `fn` runs, with its execution time and plan as PostgreSQL reports them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        fn()
    log(f"--- {label}: {len(captured)} queries")
    with connection.cursor() as cur:
        cur.execute("SET work_mem = '32MB'")  # as the dashboard's transaction sets it
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plan = [r[0] for r in cur.fetchall()]
            total = next(line for line in plan if line.startswith("Execution Time"))
            log(f"{total:>32} | {sql[:160]}")
            for line in plan:
                log("    " + line)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[94]


def main() -> None:
    recreate()
    try:
        os.environ["BALAI_DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
        os.environ.setdefault("BALAI_VAR_DIR", tempfile.mkdtemp(prefix="balai-bench-"))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai.settings")
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection, connections

        from balai.insights.periods import period_default
        from balai.insights.selectors import dashboard
        from balai.insights.subjects import Kind, subject_get

        log("migrating")
        call_command("migrate", verbosity=0)
        user, agencies, point, services, resident = seed_reference()
        log(f"writing {CASES:,} cases with generate_series")
        began = time.perf_counter()
        seed_cases(agencies, point, services, resident)
        log(f"  written and analysed in {time.perf_counter() - began:.0f} s")

        from balai.insights.services import refresh_daily_counts

        # What the timer keeps done: the daily counts up to yesterday (today stays live).
        began = time.perf_counter()
        refresh_daily_counts(regency_code="35.10")
        log(f"  daily counts built in {time.perf_counter() - began:.0f} s")
        with connection.cursor() as cur:
            cur.execute("VACUUM ANALYZE insights_dailycasecount")
        began = time.perf_counter()
        refresh_daily_counts(regency_code="35.10")
        log(f"  a refresh with nothing changed: {(time.perf_counter() - began) * 1000:.0f} ms")

        regency = subject_get(viewer=user, kind=Kind.REGENCY, key="35.10")
        village = subject_get(viewer=user, kind=Kind.VILLAGE, key="35.10.05.2001")
        period = period_default()
        dashboard(viewer=user, subject=regency, period=period)  # warm the cache once
        if EXPLAIN:
            explain("regency", lambda: dashboard(viewer=user, subject=regency, period=period))
            explain("village", lambda: dashboard(viewer=user, subject=village, period=period))
        log(f"regency dashboard: {RUNS} runs")
        times = timed(lambda: dashboard(viewer=user, subject=regency, period=period), RUNS)
        log(f"village dashboard: {RUNS} runs")
        village_times = timed(lambda: dashboard(viewer=user, subject=village, period=period), RUNS)

        def count() -> None:
            with connection.cursor() as cur:
                cur.execute("SELECT count(*) FROM cases_case")
                cur.fetchone()

        count()
        log(f"baseline: SELECT count(*) over the same table, {RUNS} runs")
        base = timed(count, RUNS)
        connections.close_all()
    finally:
        if not KEEP:
            recreate(drop_only=True)
    base_ms = statistics.median(base)
    print(
        json.dumps(
            {
                "p95_ms": round(p95(times), 1),
                "p50_ms": round(statistics.median(times), 1),
                "village_p95_ms": round(p95(village_times), 1),
                "cases": CASES,
                "runs": RUNS,
                "baseline_ms": round(base_ms, 1),
                "ratio": round(p95(times) / base_ms, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
