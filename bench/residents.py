#!/usr/bin/env python3
"""Importing a regency of residents into PostgreSQL, against a bare COPY of the same file.

Generates Banyuwangi's population (1.7 million rows by default, `--rows N` for a quick run) with
the synthetic generator, times `import-residents`' service (every rule checked, upserted in
batches, families built) as `rows_per_s`, then COPY of the same CSV into a bare table of text
columns as `copy_rows_per_s` — the floor no importer can beat; `ratio` = the first over the
second. Then times lookups of random NIKs through the staff search selector (100, with a
regency admin's scope: `nik_lookup_*`) and straight through the ORM on the (regency_code, nik)
key (2,000: `orm_nik_lookup_*`).
Creates and drops its own database. Last stdout line: {"rows", "rows_per_s", "copy_rows_per_s",
"ratio", "import_cpu_s", "nik_lookup_p50_ms", "nik_lookup_p95_ms", "orm_nik_lookup_p50_ms",
"orm_nik_lookup_p95_ms"}.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as `python bench/residents.py`, bench/ comes first on sys.path, where the queue
# benchmark's name (queue.py, as its issue names it) would shadow the standard library module
# psycopg needs.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import json
import os
import random
import statistics
import tempfile
import time

import psycopg

SERVER = "postgresql://postgres@127.0.0.1:5432"
DB_NAME = "balai_bench_residents"
LOOKUPS = 2000
# The staff search matches a 16-digit query as NIK or KK through a join; at a regency's size that
# is a scan of the table per lookup (over a second), so it gets a smaller sample than the ORM.
SELECTOR_LOOKUPS = 100


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def recreate(drop_only: bool = False) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct))]


def write_file(path: Path, rows: int) -> list[str]:
    """The CSV, and a sample of its NIKs to look up afterwards."""
    from balai.people.synthetic import generate_rows, rows_write_csv
    from balai.regions.models import Region

    villages = list(
        Region.objects.filter(code__startswith="35.10.", level="village").values_list(
            "code", flat=True
        )
    )
    rng = random.Random(1)
    sample: list[str] = []

    def tapped():
        for i, row in enumerate(generate_rows(villages, rows, seed=2026)):
            # Reservoir sampling keeps a uniform sample without holding every NIK.
            if len(sample) < LOOKUPS:
                sample.append(row["nik"])
            elif (j := rng.randint(0, i)) < LOOKUPS:
                sample[j] = row["nik"]
            yield row

    rows_write_csv(tapped(), path)
    return sample


def time_copy(path: Path, rows: int) -> float:
    from balai.people.columns import COLUMNS

    columns = ", ".join(f"{c} text" for c in COLUMNS)
    with psycopg.connect(f"{SERVER}/{DB_NAME}") as conn:
        conn.execute(f"CREATE TABLE bench_copy ({columns})")
        conn.commit()
        start = time.perf_counter()
        sql = "COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)"
        with conn.cursor() as cur, path.open("rb") as handle, cur.copy(sql) as copy:
            while block := handle.read(1 << 20):
                copy.write(block)
        conn.commit()
        elapsed = time.perf_counter() - start
        copied = conn.execute("SELECT count(*) FROM bench_copy").fetchone()[0]
    assert copied == rows, (copied, rows)
    return rows / elapsed


def time_lookups(niks: list[str]) -> tuple[list[float], list[float]]:
    from balai.accounts.models import StaffRole, User
    from balai.people.models import Resident
    from balai.people.selectors import resident_search

    admin = User.objects.create_user(username="bench-admin", password=None)
    StaffRole.objects.create(user=admin, role="admin_kabupaten", region_id="35.10")
    admin = User.objects.get(pk=admin.pk)
    selector, orm = [], []
    for nik in niks[:SELECTOR_LOOKUPS]:
        start = time.perf_counter()
        found = list(resident_search(viewer=admin, query=nik)[:20])
        selector.append((time.perf_counter() - start) * 1000)
        # A KK number has the NIK's shape, so a family whose KK equals the NIK is found too.
        assert nik in [r.nik for r in found], nik
    for nik in niks:
        start = time.perf_counter()
        Resident.objects.filter(regency_code="35.10", nik=nik).get()
        orm.append((time.perf_counter() - start) * 1000)
    return selector, orm


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_700_000)
    args = parser.parse_args()
    recreate()
    try:
        os.environ["BALAI_DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
        os.environ.setdefault("BALAI_VAR_DIR", tempfile.mkdtemp(prefix="balai-bench-"))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai.settings")
        import django

        django.setup()
        from django.core.management import call_command

        from balai.people.importing import residents_import
        from balai.regions.services import load_regions

        log("migrating")
        call_command("migrate", verbosity=0)
        log("loading regions of Banyuwangi")
        load_regions(prefixes=("35.10",))
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "banyuwangi.csv"
            log(f"generating {args.rows} rows")
            niks = write_file(path, args.rows)
            log(f"importing ({path.stat().st_size / 1e6:.0f} MB)")
            start, cpu = time.perf_counter(), time.process_time()
            summary = residents_import(
                actor=None, path=path, report_path=Path(tmp) / "report.csv", progress=True
            )
            rows_per_s = args.rows / (time.perf_counter() - start)
            import_cpu_s = time.process_time() - cpu
            assert summary.created == args.rows and summary.bad == 0, summary
            log(f"  {rows_per_s:.0f} rows/s; COPY of the same file")
            copy_rows_per_s = time_copy(path, args.rows)
            log(f"  {copy_rows_per_s:.0f} rows/s")
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        log(f"{len(niks)} NIK lookups")
        selector, orm = time_lookups(niks)
        result = {
            "rows": args.rows,
            "rows_per_s": round(rows_per_s),
            "copy_rows_per_s": round(copy_rows_per_s),
            "ratio": round(rows_per_s / copy_rows_per_s, 4),
            # Python's own CPU time for the import: on a shared machine the wall clock also
            # counts the time other processes held the cores.
            "import_cpu_s": round(import_cpu_s, 1),
            "nik_lookup_p50_ms": round(statistics.median(selector), 3),
            "nik_lookup_p95_ms": round(percentile(selector, 0.95), 3),
            "orm_nik_lookup_p50_ms": round(statistics.median(orm), 3),
            "orm_nik_lookup_p95_ms": round(percentile(orm, 0.95), 3),
        }
    finally:
        from django.db import connections

        connections.close_all()
        recreate(drop_only=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
