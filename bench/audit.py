#!/usr/bin/env python3
"""The audit log's write path and its verification, on PostgreSQL.

1. Eight writer threads each append events through `audit_record`, one transaction per event,
   while `balai audit sequence` (the worker sequencer) runs in its own process: `per_s`.
   The baseline is the same eight threads inserting the very same rows with a bare INSERT,
   one transaction each: `bare_per_s`. `ratio` = per_s / bare_per_s (goal >= 0.7).
2. Sequencing lag: the age of the oldest event not yet in the log, sampled every 50 ms while
   the writers run: `lag_p95_ms`.
3. `balai audit verify` over a log of EVENTS events (1 M by default) with a signed checkpoint:
   `verify_s`.
Creates and drops its own database. Last stdout line:
{"writers", "events", "per_s", "bare_per_s", "ratio", "lag_p95_ms", "verify_events", "verify_s"}.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

# bench/ holds scripts, not modules: its queue.py must not stand in for the standard library's.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import psycopg

ROOT = Path(__file__).resolve().parents[1]
SERVER = "postgresql://postgres@127.0.0.1:5432"
DB_NAME = "balai_bench_audit"
WRITERS = 8
EACH = int(os.environ.get("BENCH_AUDIT_EACH", 400))
EVENTS = int(os.environ.get("BENCH_AUDIT_EVENTS", 1_000_000))
BULK = 5_000


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def recreate(drop_only: bool = False) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def in_threads(work) -> float:
    from django.db import connection

    barrier = threading.Barrier(WRITERS + 1)
    errors: list[BaseException] = []

    def run(n: int) -> None:
        try:
            barrier.wait()
            work(n)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    barrier.wait()
    started = time.perf_counter()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return time.perf_counter() - started


def event_body(n: int, i: int) -> dict:
    return {
        "action": "cases.verify",
        "object_type": "cases.case",
        "object_id": f"{n}-{i}",
        "region_code": "35.10.05.2001",
        "before": {"status": "submitted"},
        "after": {"status": "in_process", "note": "berkas lengkap", "i": i},
    }


def writers_through_audit_record() -> tuple[float, list[float]]:
    from django.db import transaction

    from balai.audit.services import audit_record, oldest_pending_age

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    sequencer = subprocess.Popen(
        [sys.executable, "-m", "balai", "audit", "sequence", "--interval", "0.05"],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    # Wait for the sequencer to be up: it integrates one event written before the writers.
    from balai.audit.models import AuditEvent

    with transaction.atomic():
        audit_record(actor=None, action="bench.start", region_code="35.10")
    while AuditEvent.objects.filter(seq__isnull=True).exists():
        time.sleep(0.05)
    lags: list[float] = []
    stop = threading.Event()

    def sample() -> None:
        from django.db import connection

        while not stop.is_set():
            age = oldest_pending_age()
            lags.append(age.total_seconds() * 1000 if age else 0.0)
            time.sleep(0.05)
        connection.close()

    sampler = threading.Thread(target=sample)
    sampler.start()

    def work(n: int) -> None:
        for i in range(EACH):
            with transaction.atomic():
                audit_record(actor=None, **event_body(n, i))

    try:
        seconds = in_threads(work)
        stop.set()
        sampler.join()
        deadline = time.monotonic() + 60
        while AuditEvent.objects.filter(seq__isnull=True).exists():
            assert time.monotonic() < deadline, "the sequencer fell behind for a minute"
            time.sleep(0.05)
    finally:
        sequencer.terminate()
        sequencer.wait()
    return seconds, lags


def writers_bare() -> float:
    from django.db import connection, transaction

    from balai.audit.canonical import jsonable

    now = dt.datetime.now(dt.UTC)

    def work(n: int) -> None:
        for i in range(EACH):
            body = event_body(n, i)
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    "INSERT INTO bench_bare (occurred_at, action, object_type, object_id,"
                    " region_code, before, after) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                    [
                        now,
                        body["action"],
                        body["object_type"],
                        body["object_id"],
                        body["region_code"],
                        json.dumps(jsonable(body["before"])),
                        json.dumps(jsonable(body["after"])),
                    ],
                )

    return in_threads(work)


def build_log(chain: str, count: int) -> None:
    from balai.audit.canonical import event_hash
    from balai.audit.merkle import Frontier
    from balai.audit.models import AuditEvent, ChainHead

    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    prev, frontier, batch = "0" * 64, Frontier(), []
    for seq in range(1, count + 1):
        event = AuditEvent(
            chain=chain, seq=seq, occurred_at=start + dt.timedelta(seconds=seq),
            actor_label="operator", action="cases.verify", object_type="cases.case",
            object_id=str(seq), region_code=f"{chain}.05.2001", request_id=f"{seq:032x}",
            ip="10.0.0.1", channel="web", before={"status": "submitted"},
            after={"status": "in_process", "note": "berkas lengkap", "n": seq},
            prev_hash=prev,
        )  # fmt: skip
        event.hash = prev = event_hash(event)
        frontier.append(bytes.fromhex(event.hash))
        batch.append(event)
        if len(batch) == BULK:
            AuditEvent.objects.bulk_create(batch)
            batch = []
            if seq % 100_000 == 0:
                log(f"  {seq} events written")
    AuditEvent.objects.bulk_create(batch)
    ChainHead.objects.create(chain=chain, seq=count, last_hash=prev, frontier=frontier.dump())


def main() -> None:
    recreate()
    try:
        os.environ["BALAI_DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
        os.environ["BALAI_AUDIT_SEQUENCER"] = "worker"
        os.environ["BALAI_AUDIT_LOG_DIR"] = tempfile.mkdtemp(prefix="balai-bench-audit-")
        os.environ.setdefault("BALAI_VAR_DIR", tempfile.mkdtemp(prefix="balai-bench-"))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai.settings")
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection, connections

        from balai.audit.services import audit_checkpoint_sign
        from balai.audit.verification import audit_verify

        log("migrating")
        call_command("migrate", verbosity=0)
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TABLE bench_bare (id bigserial PRIMARY KEY, occurred_at timestamptz,"
                " action varchar(80), object_type varchar(80), object_id varchar(64),"
                " region_code varchar(13), before jsonb, after jsonb)"
            )
        log(f"bare inserts: {WRITERS} threads x {EACH}")
        bare_s = writers_bare()
        log(f"  {bare_s:.2f} s")
        log(f"audit_record: {WRITERS} threads x {EACH}, worker sequencer running")
        record_s, lags = writers_through_audit_record()
        log(f"  {record_s:.2f} s, {len(lags)} lag samples")
        report = audit_verify(chains=["35.10"])
        assert report.valid and report.events == WRITERS * EACH + 1, report.as_dict()

        log(f"building a log of {EVENTS} events")
        build_log("35.09", EVENTS)
        audit_checkpoint_sign(chain="35.09")
        log("verifying")
        started = time.perf_counter()
        report = audit_verify(chains=["35.09"])
        verify_s = time.perf_counter() - started
        assert report.valid and report.events == EVENTS and report.checkpoints == 1
        log(f"  {verify_s:.1f} s")
        total = WRITERS * EACH
        lags.sort()
        result = {
            "writers": WRITERS,
            "events": total,
            "per_s": round(total / record_s, 1),
            "bare_per_s": round(total / bare_s, 1),
            "ratio": round(bare_s / record_s, 3),
            "lag_p95_ms": round(statistics.quantiles(lags, n=20)[-1], 1) if len(lags) > 1 else 0,
            "verify_events": EVENTS,
            "verify_s": round(verify_s, 2),
        }
        connections.close_all()
    finally:
        recreate(drop_only=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
