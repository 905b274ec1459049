#!/usr/bin/env python3
"""`balai audit verify` over a long chain on PostgreSQL, against plainly reading the same rows.

Builds one regency chain of EVENTS events (hashed exactly as `audit_record` hashes them, written
in bulk), then times: reading every event in the same keyset pages with no checking (the
baseline), and `audit_verify` (recompute every hash and link). `verify_ratio` is verify time
over read time: what the checking costs on top of reading. Peak memory growth during verify
(peak RSS) shows that the walk is streaming. Also times `audit_record` itself for APPENDS events.
Creates and drops its own database. Last stdout line:
{"events", "read_s", "verify_s", "verify_ratio", "verify_events_per_s",
 "verify_rss_growth_mb", "append_events_per_s"}.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

# bench/ holds scripts, not modules: its queue.py must not stand in for the standard library's.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import psycopg

SERVER = "postgresql://postgres@127.0.0.1:5432"
DB_NAME = "balai_bench_audit_verify"
EVENTS = int(os.environ.get("BENCH_AUDIT_EVENTS", 100_000))
APPENDS = 300
BULK = 5_000


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def recreate(drop_only: bool = False) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def build_chain(chain: str, count: int) -> None:
    from balai.audit.canonical import event_hash
    from balai.audit.models import AuditEvent, ChainHead

    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    prev = "0" * 64
    batch: list[AuditEvent] = []
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
        batch.append(event)
        if len(batch) == BULK:
            AuditEvent.objects.bulk_create(batch)
            batch = []
            log(f"  {seq} events written")
    AuditEvent.objects.bulk_create(batch)
    ChainHead.objects.create(chain=chain, seq=count, last_hash=prev)


def read_all(chain: str) -> int:
    from balai.audit import verification

    return sum(1 for _ in verification._events(chain))


def main() -> None:
    recreate()
    try:
        os.environ["BALAI_DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
        os.environ.setdefault("BALAI_VAR_DIR", tempfile.mkdtemp(prefix="balai-bench-"))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai.settings")
        import django

        django.setup()
        from django.core.management import call_command

        from balai.audit.services import audit_record
        from balai.audit.verification import audit_verify

        log("migrating")
        call_command("migrate", verbosity=0)
        log(f"building a chain of {EVENTS} events")
        build_chain("35.10", EVENTS)

        log("reading every event (baseline)")
        started = time.perf_counter()
        assert read_all("35.10") == EVENTS
        read_s = time.perf_counter() - started
        log(f"  {read_s:.2f} s")

        log("verifying")
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        report = audit_verify(chains=["35.10"])
        verify_s = time.perf_counter() - started
        growth_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
        assert report.valid and report.events == EVENTS, report.as_dict()
        log(f"  {verify_s:.2f} s, peak memory grew by {growth_kb / 1024:.1f} MB")

        log(f"appending {APPENDS} events through audit_record")
        started = time.perf_counter()
        for i in range(APPENDS):
            audit_record(actor=None, action="bench.append", region_code="35.09", after={"i": i})
        append_s = time.perf_counter() - started
        log(f"  {append_s:.2f} s")

        result = {
            "events": EVENTS,
            "read_s": round(read_s, 3),
            "verify_s": round(verify_s, 3),
            "verify_ratio": round(verify_s / read_s, 3),
            "verify_events_per_s": round(EVENTS / verify_s),
            "verify_rss_growth_mb": round(growth_kb / 1024, 1),
            "append_events_per_s": round(APPENDS / append_s),
        }
        from django.db import connections

        connections.close_all()
    finally:
        recreate(drop_only=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
