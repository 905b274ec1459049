#!/usr/bin/env python3
"""Calling the next ticket on PostgreSQL under load: `ticket_call_next` from several threads
over 10,000 waiting tickets and 100 open counters, against a bare
`SELECT ... FOR UPDATE SKIP LOCKED LIMIT 1` + UPDATE on a one-table copy in the same run.

`ticket_call_next` does more than the baseline by design: it locks the counter, checks the
caller's role and scope, applies the priority policy, writes a TicketEvent and appends to the
regency's audit chain, all in one transaction. The ratio is what those cost per call.
Creates and drops its own database. Last stdout line:
{"p50_ms", "p95_ms", "duplicates", "calls", "baseline_p50_ms", "ratio"}.
"""

from __future__ import annotations

import os
import sys

# This file is named like the standard library's `queue`; run as a script, its folder comes
# first on sys.path and would shadow it for psycopg and Django.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]

import datetime as dt
import json
import statistics
import tempfile
import threading
import time

import psycopg

SERVER = "postgresql://postgres@127.0.0.1:5432"
DB_NAME = "balai_bench_queue"
TICKETS = 10_000
COUNTERS = 100
THREADS = int(os.environ.get("BENCH_QUEUE_THREADS", 8))
CALLS = int(os.environ.get("BENCH_QUEUE_CALLS", 2_000))


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def recreate(drop_only: bool = False) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def seed() -> list[tuple[object, object]]:
    """One MPP, one prefix, 10,000 waiting tickets (written in bulk), 100 signed-in counters."""
    from balai.accounts.models import StaffRole, User
    from balai.catalog.models import Agency, ServicePoint
    from balai.queueing.models import Counter, DailySequence, QueuePrefix, Ticket
    from balai.queueing.services import counter_sign_in
    from balai.regions.models import Region

    Region.objects.create(code="35", name="Jawa Timur", level=1)
    Region.objects.create(code="35.10", name="Banyuwangi", level=2, parent_id="35")
    point = ServicePoint.objects.create(code="mpp", kind="mpp", name="MPP", region_id="35.10")
    agency = Agency.objects.create(
        code="dukcapil", kind="regency_office", name="Dukcapil", short_name="Dukcapil",
        region_id="35.10",
    )  # fmt: skip
    prefix = QueuePrefix.objects.create(service_point=point, letter="A", name="A", agency=agency)
    start = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)
    day = start.date()
    Ticket.objects.bulk_create(
        Ticket(
            regency_code="35.10",
            region_code="35.10",
            service_point=point,
            prefix=prefix,
            day=day,
            number=n,
            code=f"A-{n:05d}",
            agency=agency,
            source="kiosk",
            status="waiting",
            issued_at=start + dt.timedelta(seconds=n),
            queued_at=start + dt.timedelta(seconds=n),
        )
        for n in range(1, TICKETS + 1)
    )
    DailySequence.objects.create(prefix=prefix, day=day, last_number=TICKETS)
    pairs = []
    for number in range(1, COUNTERS + 1):
        counter = Counter.objects.create(
            service_point=point, region_code="35.10", number=number, agency=agency
        )
        user = User.objects.create(username=f"loket{number}")
        StaffRole.objects.create(user=user, role="petugas_loket", service_point=point)
        pairs.append((user, counter_sign_in(actor=user, counter=counter)))
    return pairs


def run_threads(work, per_thread: list[list]) -> list:
    from django.db import connection

    results: list = [None] * len(per_thread)
    barrier = threading.Barrier(len(per_thread))

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = work(per_thread[i])
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(per_thread))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def bench_service(pairs) -> tuple[list[float], list[int]]:
    from balai.queueing.services import ticket_call_next, ticket_no_show

    calls_each = CALLS // THREADS
    # Each thread works its own share of the counters, round robin, like staff at a desk.
    shares = [pairs[i::THREADS] for i in range(THREADS)]

    def work(share):
        times, ids = [], []
        for n in range(calls_each):
            user, counter = share[n % len(share)]
            began = time.perf_counter()
            ticket = ticket_call_next(actor=user, counter=counter)
            times.append((time.perf_counter() - began) * 1000)
            ids.append(ticket.pk)
            ticket_no_show(actor=user, ticket=ticket)  # frees the counter; not timed
        return times, ids

    results = run_threads(work, shares)
    return [t for r in results for t in r[0]], [i for r in results for i in r[1]]


def bench_baseline() -> tuple[list[float], list[int]]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_ticket AS SELECT id, status, queued_at FROM queueing_ticket"
        )
        cursor.execute("UPDATE bench_ticket SET status = 'waiting'")
        cursor.execute("ALTER TABLE bench_ticket ADD PRIMARY KEY (id)")
        cursor.execute("CREATE INDEX ON bench_ticket (status, queued_at, id)")
        cursor.execute("ANALYZE bench_ticket")
    calls_each = CALLS // THREADS

    def work(_share):
        times, ids = [], []
        with psycopg.connect(f"{SERVER}/{DB_NAME}") as conn:
            for _ in range(calls_each):
                began = time.perf_counter()
                with conn.transaction():
                    row = conn.execute(
                        "SELECT id FROM bench_ticket WHERE status = 'waiting' "
                        "ORDER BY queued_at, id FOR UPDATE SKIP LOCKED LIMIT 1"
                    ).fetchone()
                    conn.execute("UPDATE bench_ticket SET status = 'called' WHERE id = %s", row)
                times.append((time.perf_counter() - began) * 1000)
                ids.append(row[0])
        return times, ids

    results = run_threads(work, [[] for _ in range(THREADS)])
    return [t for r in results for t in r[0]], [i for r in results for i in r[1]]


def p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    recreate()
    try:
        os.environ["BALAI_DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
        os.environ.setdefault("BALAI_VAR_DIR", tempfile.mkdtemp(prefix="balai-bench-"))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai.settings")
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connections

        log("migrating")
        call_command("migrate", verbosity=0)
        log(f"seeding {TICKETS} tickets and {COUNTERS} counters")
        pairs = seed()
        log(f"ticket_call_next: {CALLS} calls from {THREADS} threads")
        times, ids = bench_service(pairs)
        log("baseline: bare SKIP LOCKED + UPDATE on a one-table copy")
        base_times, base_ids = bench_baseline()
        connections.close_all()
    finally:
        recreate(drop_only=True)
    duplicates = (len(ids) - len(set(ids))) + (len(base_ids) - len(set(base_ids)))
    p50, base_p50 = statistics.median(times), statistics.median(base_times)
    print(
        json.dumps(
            {
                "p50_ms": round(p50, 2),
                "p95_ms": round(p(times, 95), 2),
                "duplicates": duplicates,
                "calls": len(ids),
                "baseline_p50_ms": round(base_p50, 2),
                "ratio": round(p50 / base_p50, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
