#!/usr/bin/env python3
"""Loading the shipped Banyuwangi catalog into PostgreSQL: a first load, then a reload.

The first load (every workflow, agency, service point, service version and publication) is
the baseline; an unchanged reload must only read and compare, so `reload_ratio` (reload time
over first-load time) shows what idempotency saves. Creates and drops its own database.
Last stdout line: {"first_load_s", "reload_s", "reload_ratio", "services", "service_points"}.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time

import psycopg

SERVER = "postgresql://postgres@127.0.0.1:5432"
DB_NAME = "balai_bench_catalog_load"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def recreate(drop_only: bool = False) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def main() -> None:
    recreate()
    try:
        os.environ["BALAI_DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
        os.environ.setdefault("BALAI_VAR_DIR", tempfile.mkdtemp(prefix="balai-bench-"))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai.settings")
        import django

        django.setup()
        from django.core.management import call_command

        from balai.catalog.loading import DATA_DIR, catalog_load
        from balai.catalog.models import ServicePoint, ServiceVersion
        from balai.regions.services import load_regions

        log("migrating")
        call_command("migrate", verbosity=0)
        log("loading regions of Jawa Timur")
        load_regions(prefixes=("35",))
        log("first catalog load")
        start = time.perf_counter()
        catalog_load(actor=None, directory=DATA_DIR)
        first = time.perf_counter() - start
        log(f"  {first:.2f} s")
        log("unchanged reload")
        versions = ServiceVersion.objects.count()
        start = time.perf_counter()
        result = catalog_load(actor=None, directory=DATA_DIR)
        reload = time.perf_counter() - start
        log(f"  {reload:.2f} s")
        assert not result.changed and ServiceVersion.objects.count() == versions
        report = {
            "first_load_s": round(first, 3),
            "reload_s": round(reload, 3),
            "reload_ratio": round(reload / first, 3),
            "services": versions,
            "service_points": ServicePoint.objects.count(),
        }
        from django.db import connections

        connections.close_all()
    finally:
        recreate(drop_only=True)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
