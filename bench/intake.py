#!/usr/bin/env python3
"""Intake through the real endpoint on PostgreSQL, and the staff inbox over a million cases.

1. `per_s`: POST /api/v1/cases (an MPP counter filing a service with a fee: token auth,
   scope checks, the case, its requirements and history, an idempotency key, a bill and the
   audit chain) from several client threads against `balai runserver` (threaded) on a
   throwaway database; `baseline_per_s`: `POST /bench/insert/` on the same server and
   database, a bare Django view that inserts one row (bench/intake_site, never in the
   product URLs); `ratio` = per_s / baseline_per_s.
2. `inbox_p95_ms`: GET /api/v1/cases/inbox for a village operator, a kepala desa and an agency
   officer, with one million cases (70 % closed) generated in SQL across the regency's
   villages and agencies.

Creates and drops its own database. Last stdout line:
{"per_s", "baseline_per_s", "ratio", "inbox_p95_ms", "cases", "submissions", "threads"}.
"""

from __future__ import annotations

import csv
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
SERVER = "postgresql://postgres@127.0.0.1:5432"
DB_NAME = "balai_bench_intake"
THREADS = int(os.environ.get("BENCH_INTAKE_THREADS", 8))
SUBMISSIONS = int(os.environ.get("BENCH_INTAKE_SUBMISSIONS", 1600))
CASES = int(os.environ.get("BENCH_INTAKE_CASES", 1_000_000))
INBOX_CALLS = int(os.environ.get("BENCH_INTAKE_INBOX_CALLS", 30))
RESIDENTS = 4000
VILLAGE = "35.10.05.2001"
SERVICE = "pajak-kendaraan-tahunan"  # an MPP agency service with a fee (tests' small catalog)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def recreate(drop_only: bool = False) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def seed(tmp: Path) -> dict[str, str]:
    """Banyuwangi's regions, the small catalog with the shipped workflows, residents, staff."""
    import datetime as dt

    from balai.accounts.models import StaffRole, User
    from balai.accounts.services import token_create
    from balai.catalog.loading import DATA_DIR, catalog_load
    from balai.catalog.models import Agency, ServicePoint
    from balai.people.models import Resident
    from balai.regions.services import DATA_FILE, load_regions, read_rows

    subset = tmp / "regions.csv"
    with subset.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=["code", "name", "level"])
        writer.writeheader()
        for row in read_rows(DATA_FILE):
            if row["code"] in ("35", "35.10") or row["code"].startswith("35.10."):
                writer.writerow(row)
    load_regions(path=subset)
    catalog = tmp / "catalog"
    shutil.copytree(ROOT / "tests" / "catalog" / "data" / "small", catalog)
    shutil.copy(DATA_DIR / "workflows.yaml", catalog / "workflows.yaml")
    catalog_load(actor=None, directory=catalog)

    Resident.objects.bulk_create(
        Resident(
            regency_code="35.10",
            nik=f"351005{1 + n % 28:02d}{1 + n // 28 % 12:02d}85{n:04d}",
            name=f"Warga {n}",
            birth_place="Banyuwangi",
            birth_date=dt.date(1985, 1 + n // 28 % 12, 1 + n % 28),
            sex="L",
            religion="islam",
            marital_status="kawin",
            education="sma",
            occupation="Petani",
            village_id=VILLAGE,
            address="Jl. Raya Muncar",
        )
        for n in range(RESIDENTS)
    )
    point = ServicePoint.objects.get(code="mpp-banyuwangi")
    samsat = Agency.objects.get(code="samsat")
    tokens = {}
    for name, role, scope in (
        ("loket", "petugas_loket", {"service_point": point}),
        ("operator", "operator_desa", {"region_id": VILLAGE}),
        ("kades", "kepala_desa", {"region_id": VILLAGE}),
        ("instansi", "petugas_instansi", {"agency": samsat}),
    ):
        user = User.objects.create(username=f"bench-{name}")
        StaffRole.objects.create(user=user, role=role, **scope)
        tokens[name] = token_create(actor=None, user=user, name="bench").key
    return tokens


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, env: dict[str, str]) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "balai", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("server did not start")


def post_many(port: int, path: str, bodies: list[list[dict]], token: str) -> tuple[float, int]:
    """Send every thread's bodies in turn; (seconds for all, number answered 2xx)."""
    ok = [0] * len(bodies)
    barrier = threading.Barrier(len(bodies) + 1)

    def work(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        barrier.wait()
        for body in bodies[i]:
            conn.request(
                "POST",
                path,
                body=json.dumps(body),
                headers={
                    "Content-Type": "application/json",
                    "Authorization": f"Bearer {token}",
                    "Idempotency-Key": uuid.uuid4().hex,
                },
            )
            response = conn.getresponse()
            response.read()
            if response.status in (200, 201):
                ok[i] += 1
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    barrier.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began, sum(ok)


def intake_bodies() -> list[list[dict]]:
    from balai.people.models import Resident

    niks = list(Resident.objects.values_list("nik", flat=True))
    per_thread = SUBMISSIONS // THREADS
    return [
        [
            {
                "service": SERVICE,
                "applicant_nik": niks[(t * per_thread + n) % len(niks)],
                "channel": "mpp_counter",
                "service_point": "mpp-banyuwangi",
                "form_data": {},
            }
            for n in range(per_thread)
        ]
        for t in range(THREADS)
    ]


def generate_cases(count: int) -> None:
    """A million cases in one INSERT … SELECT: village letters across the regency's
    villages and agency cases at the MPP; 70 % closed, the rest spread over open states."""
    from django.db import connection

    with connection.cursor() as cursor:
        # Secondary indexes are dropped for the bulk insert and built again after it, as a
        # restore would: far faster than maintaining eight indexes row by row.
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'cases_case' "
            "AND indexdef NOT LIKE 'CREATE UNIQUE%%'"
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute(
            """
            WITH villages AS (
                SELECT array_agg(code ORDER BY code) AS codes FROM regions_region
                WHERE code LIKE '35.10.%%' AND length(code) = 13
            ), letter AS (
                SELECT s.id AS service_id, w.code, w.version, w.definition
                FROM catalog_service s
                JOIN catalog_serviceversion v ON v.id = s.published_version_id
                JOIN workflow_workflowdefinition w ON w.id = v.workflow_id
                WHERE s.code = 'sk-domisili'
            ), agency AS (
                SELECT s.id AS service_id, s.agency_id, w.code, w.version, w.definition
                FROM catalog_service s
                JOIN catalog_serviceversion v ON v.id = s.published_version_id
                JOIN workflow_workflowdefinition w ON w.id = v.workflow_id
                WHERE s.code = %s
            ), people AS (
                SELECT array_agg(id ORDER BY id) AS ids FROM people_resident
            )
            INSERT INTO cases_case (
                regency_code, tracking_code, service_id, service_version, workflow_code,
                workflow_version, workflow_definition, applicant_id, beneficiary_id, channel,
                service_point_id, state, status, office_region_code, office_agency_id,
                form_data, register_data, submitted_at, sla_amount, sla_unit, sla_paused,
                due_at, closed_at, updated_at
            )
            SELECT
                '35.10',
                'x' || lpad(g::text, 7, '0'),
                CASE WHEN g %% 4 = 0 THEN agency.service_id ELSE letter.service_id END,
                1,
                CASE WHEN g %% 4 = 0 THEN agency.code ELSE letter.code END,
                CASE WHEN g %% 4 = 0 THEN agency.version ELSE letter.version END,
                CASE WHEN g %% 4 = 0 THEN agency.definition ELSE letter.definition END,
                people.ids[1 + g %% array_length(people.ids, 1)],
                people.ids[1 + g %% array_length(people.ids, 1)],
                CASE WHEN g %% 4 = 0 THEN 'mpp_counter' ELSE 'village_counter' END,
                NULL,
                CASE WHEN g %% 10 < 7 THEN 'issued'
                     WHEN g %% 10 < 9 THEN 'submitted'
                     ELSE CASE WHEN g %% 4 = 0 THEN 'in_process' ELSE 'verified' END END,
                CASE WHEN g %% 10 < 7 THEN 'issued'
                     WHEN g %% 10 < 9 THEN 'submitted' ELSE 'in_process' END,
                CASE WHEN g %% 4 = 0 THEN ''
                     ELSE villages.codes[1 + (g / 4) %% array_length(villages.codes, 1)] END,
                CASE WHEN g %% 4 = 0 THEN agency.agency_id END,
                '{}'::jsonb,
                '{}'::jsonb,
                now() - (g %% 400) * interval '1 day',
                5,
                'working_days',
                0,
                now() + ((g %% 30) - 10) * interval '1 day',
                CASE WHEN g %% 10 < 7 THEN now() END,
                now()
            FROM generate_series(1, %s) AS g, villages, letter, agency, people
            """,
            [SERVICE, count],
        )
        for _name, definition in indexes:
            cursor.execute(definition)
        # What autovacuum does after a load: statistics, and the visibility map that lets the
        # inbox's COUNT read its index alone.
        cursor.execute("VACUUM ANALYZE cases_case")


def inbox_times(port: int, tokens: dict[str, str], calls: int) -> list[float]:
    times: list[float] = []
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    for who in ("operator", "kades", "instansi"):
        for n in range(calls):
            query = "limit=50" if n % 2 == 0 else "limit=50&overdue=true"
            began = time.perf_counter()
            conn.request(
                "GET",
                f"/api/v1/cases/inbox?{query}",
                headers={"Authorization": f"Bearer {tokens[who]}"},
            )
            response = conn.getresponse()
            body = json.loads(response.read())
            times.append((time.perf_counter() - began) * 1000)
            if n == calls - 1:
                log(f"  inbox of {who}: last call {times[-1]:.0f} ms, {body['count']} cases")
            if response.status != 200 or not body["items"]:
                raise RuntimeError(f"inbox of {who} answered {response.status}: {body!r:.200}")
    conn.close()
    return times


def main() -> None:
    recreate()
    tmp = Path(tempfile.mkdtemp(prefix="balai-bench-intake-"))
    server = None
    try:
        env = {
            **os.environ,
            "BALAI_DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
            "BALAI_VAR_DIR": str(tmp / "var"),
            "BALAI_DEBUG": "0",
            "BALAI_PAYMENT_GATEWAY_URL": "",
        }
        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "balai.settings"
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection, connections

        log("migrating")
        call_command("migrate", verbosity=0)
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE bench_intake (id bigserial PRIMARY KEY, body jsonb)")
        log("seeding regions, the small catalog, residents and staff")
        tokens = seed(tmp)
        bodies = intake_bodies()
        connections.close_all()

        port = free_port()
        server_env = {
            **env,
            # The repository root, not bench/ itself: bench/queue.py would shadow the standard
            # library's queue module.
            "DJANGO_SETTINGS_MODULE": "bench.intake_site.settings",
            "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        }
        server = start_server(port, server_env)
        # Warm both code paths (imports, connections) before timing.
        post_many(port, "/bench/insert/", [b[:5] for b in bodies[:2]], tokens["loket"])
        post_many(port, "/api/v1/cases", [b[:5] for b in bodies[:2]], tokens["loket"])
        log(f"intake: {SUBMISSIONS} submissions from {THREADS} threads")
        took, done = post_many(port, "/api/v1/cases", bodies, tokens["loket"])
        if done != SUBMISSIONS // THREADS * THREADS:
            raise RuntimeError(f"only {done} submissions succeeded")
        per_s = done / took
        log(f"  {per_s:.1f} submissions/s")
        log(f"baseline: {SUBMISSIONS} bare inserts from {THREADS} threads")
        base_took, base_done = post_many(port, "/bench/insert/", bodies, tokens["loket"])
        baseline_per_s = base_done / base_took
        log(f"  {baseline_per_s:.1f} inserts/s")

        log(f"generating {CASES} cases")
        began = time.perf_counter()
        generate_cases(CASES)
        connections.close_all()
        log(f"  generated in {time.perf_counter() - began:.0f} s")
        inbox_times(port, tokens, 2)  # warm the caches once
        times = inbox_times(port, tokens, INBOX_CALLS)
        total = None
        with psycopg.connect(f"{SERVER}/{DB_NAME}") as conn:
            total = conn.execute("SELECT count(*) FROM cases_case").fetchone()[0]
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)
        recreate(drop_only=True)
    p95 = statistics.quantiles(times, n=100, method="inclusive")[94]
    print(
        json.dumps(
            {
                "per_s": round(per_s, 1),
                "baseline_per_s": round(baseline_per_s, 1),
                "ratio": round(per_s / baseline_per_s, 3),
                "inbox_p95_ms": round(p95, 1),
                "cases": total,
                "submissions": done,
                "threads": THREADS,
            }
        )
    )


if __name__ == "__main__":
    main()
