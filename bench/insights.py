#!/usr/bin/env python3
"""The regency dashboard over two million cases on PostgreSQL, against a bare
`SELECT count(*)` over the same table in the same run.

The cases are written by one `INSERT ... SELECT` over `generate_series` into a throwaway
database (two years of a regency's applications over 217 villages, 25 districts, agency and
village services; 85% finished). `dashboard()` is what the page calls: every figure, each
an aggregate query (percentiles with `percentile_cont`). Last stdout line:
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
DB_NAME = "balai_bench_insights"
CASES = int(os.environ.get("BENCH_INSIGHTS_CASES", 2_000_000))
RUNS = int(os.environ.get("BENCH_INSIGHTS_RUNS", 20))


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def recreate(drop_only: bool = False) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def seed_reference():
    """Banyuwangi's regions, an agency, a service point, ten services, one resident."""
    import datetime as dt

    from balai.accounts.models import StaffRole, User
    from balai.catalog.models import Agency, Service, ServicePoint
    from balai.people.models import Resident
    from balai.regions.models import Region
    from balai.regions.services import load_regions

    load_regions(prefixes=["35.10"])
    agency = Agency.objects.create(
        code="dukcapil", kind="regency_office", name="Dukcapil", short_name="Dukcapil",
        region_id="35.10",
    )  # fmt: skip
    point = ServicePoint.objects.create(code="mpp", kind="mpp", name="MPP", region_id="35.10")
    services = [
        Service.objects.create(
            code=f"layanan-{i}",
            name=f"Layanan {i}",
            agency=agency if i < 4 else None,
            status="published",
        )
        for i in range(10)
    ]
    village = Region.objects.filter(level="village").order_by("code").first()
    resident = Resident.objects.create(
        regency_code="35.10", nik="3510054406850001", name="Warga", birth_place="Banyuwangi",
        birth_date=dt.date(1985, 6, 4), sex="P", religion="islam", marital_status="kawin",
        village_id=village.code, address="-",
    )  # fmt: skip
    user = User.objects.create(username="bupati")
    StaffRole.objects.create(user=user, role="pimpinan", region_id="35.10")
    return user, agency, point, services, resident


def seed_cases(agency, point, services, resident) -> None:
    """Two million cases in one statement: random but seeded, spread over two years."""
    from django.db import connection

    from balai.regions.models import Region

    villages = list(
        Region.objects.filter(level="village", code__startswith="35.10.")
        .order_by("code")
        .values_list("code", flat=True)
    )
    agency_services = [s.pk for s in services if s.agency_id]
    village_services = [s.pk for s in services if not s.agency_id]
    with connection.cursor() as cur:
        cur.execute("SELECT setseed(0.42)")
        cur.execute(
            """
            WITH g AS (
              SELECT n, random() AS r1, random() AS r2, random() AS r3, random() AS r4,
                     now() - random() * interval '730 days' AS submitted
              FROM generate_series(1, %(cases)s) AS n
            ), c AS (
              SELECT n, r1, r2, r3, submitted,
                     submitted + (1 + floor(r4 * 10)) * interval '1 day' AS due,
                     CASE WHEN r2 < 0.85
                          THEN submitted + r3 * interval '12 days' END AS closed,
                     r1 < 0.3 AS agency_case
              FROM g
            )
            INSERT INTO cases_case (
              regency_code, tracking_code, service_id, service_version, workflow_code,
              workflow_version, workflow_definition, applicant_id, beneficiary_id, channel,
              service_point_id, state, status, office_region_code, office_agency_id,
              form_data, register_data, submitted_at, sla_amount, sla_unit, sla_paused,
              due_at, closed_at, updated_at
            )
            SELECT '35.10', 'B' || lpad(n::text, 7, '0'),
                   CASE WHEN agency_case
                        THEN (%(agency_services)s::int[])[1 + n %% %(n_agency)s]
                        ELSE (%(village_services)s::int[])[1 + n %% %(n_village)s] END,
                   1, 'w', 1, '{}'::jsonb, %(resident)s, %(resident)s,
                   CASE WHEN agency_case THEN 'mpp_counter' ELSE 'village_counter' END,
                   CASE WHEN agency_case THEN %(point)s END,
                   CASE WHEN closed IS NULL OR closed > now() THEN 'submitted'
                        WHEN r2 < 0.8 THEN 'issued' ELSE 'rejected' END,
                   CASE WHEN closed IS NULL OR closed > now() THEN 'submitted'
                        WHEN r2 < 0.8 THEN 'issued' ELSE 'rejected' END,
                   CASE WHEN agency_case THEN ''
                        ELSE (%(villages)s::text[])[1 + n %% %(n_villages)s] END,
                   CASE WHEN agency_case THEN %(agency)s END,
                   '{}'::jsonb, '{}'::jsonb, submitted, 3, 'working_days', 0,
                   due, CASE WHEN closed <= now() THEN closed END, now()
            FROM c
            """,
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
                "agency": agency.pk,
            },
        )
        cur.execute("ANALYZE cases_case")


def timed(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        fn()
        times.append((time.perf_counter() - began) * 1000)
    return times


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
        user, agency, point, services, resident = seed_reference()
        log(f"writing {CASES:,} cases with generate_series")
        began = time.perf_counter()
        seed_cases(agency, point, services, resident)
        log(f"  written and analysed in {time.perf_counter() - began:.0f} s")

        regency = subject_get(viewer=user, kind=Kind.REGENCY, key="35.10")
        village = subject_get(viewer=user, kind=Kind.VILLAGE, key="35.10.05.2001")
        period = period_default()
        dashboard(viewer=user, subject=regency, period=period)  # warm the cache once
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
