#!/usr/bin/env python3
"""An outreach day's 1,200 business permits on SQLite, end to end, against a bare loop.

`seconds`: from the XLSX file to 1,200 stored, signed NIB documents — import and row checks,
registrations and their audit events, one call per registration to the sandbox OSS over HTTP
on loopback (its idempotency key, the attempt row before the call), the NIB, then bulk
issuance (number, seal, Typst render, PAdES signature, file, merged print file).
`bare_seconds`: the same NIB document rendered and signed 1,200 times by the same worker
processes, without database, gateway or storage; `ratio` = seconds / bare_seconds.
`issued` (documents stored) and `duplicates` (NIBs given twice, must be 0) check the run.
Last stdout line: one JSON object with those keys and the phase times.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import random
import sys
import tempfile
import time

COUNT = int(os.environ.get("BENCH_OUTREACH", 1200))
WORKERS = max(2, os.cpu_count() or 1)
VILLAGE = "35.10.05.2001"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def residents(count: int) -> list:
    from balai.people.models import Resident

    rng = random.Random(7)
    rows = []
    for i in range(count):
        sex = rng.choice("LP")
        born = dt.date(1960 + rng.randrange(40), rng.randrange(1, 13), rng.randrange(1, 28))
        day = born.day + (40 if sex == "P" else 0)
        first = rng.choice(["Siti", "Budi", "Sri", "Agus", "Dewi"])
        name = f"{first} {rng.choice(['Aminah', 'Santoso', 'Rahayu'])}"
        rows.append(
            Resident(
                regency_code="35.10",
                nik=f"351005{day:02d}{born:%m%y}{i + 1:04d}",
                name=name,
                name_key=name.lower(),
                birth_place="Banyuwangi",
                birth_date=born,
                sex=sex,
                religion="islam",
                marital_status="kawin",
                education="sma",
                village_id=VILLAGE,
                address=f"Dusun Krajan RT {i % 9 + 1:03d}",
            )
        )
    return Resident.objects.bulk_create(rows)


def sheet(people: list) -> bytes:
    import openpyxl

    from balai.outreach.choices import COLUMNS

    kinds = [("Warung", "56102"), ("Kerupuk", "10794"), ("Kue", "10792"), ("Vermak", "95291")]
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(COLUMNS)
    for i, person in enumerate(people):
        kind, code = kinds[i % len(kinds)]
        ws.append([person.nik, f"{kind} {i}", code, person.address, VILLAGE, 5_000_000, 1])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def main() -> None:
    var = tempfile.mkdtemp(prefix="balai-bench-outreach-")
    os.environ["BALAI_VAR_DIR"] = var
    os.environ["BALAI_DATABASE_URL"] = f"sqlite:///{var}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from balai.documents.bulk import _pool_map
    from balai.documents.rendering import letter_data
    from balai.documents.services import office_profile_get, signer_for_office
    from balai.licensing.gateway import HttpOssGateway
    from balai.licensing.kbli import RISK_EXAMPLE_FILE, kbli_load, kbli_risk_load
    from balai.licensing.models import BusinessRegistration, KbliCode
    from balai.licensing.sandbox import OssSandbox
    from balai.licensing.services import nib_document_type, nib_form, nib_office
    from balai.outreach.services import batch_run, batch_start, event_plan, import_xlsx
    from balai.regions.models import Region
    from balai.regions.services import load_regions

    settings.LICENSING_GATEWAY_BACKOFF = 0
    log(f"migrating a SQLite database in {var}")
    call_command("migrate", verbosity=0)
    load_regions(prefixes=("35.10",))
    kbli_load()
    kbli_risk_load(path=RISK_EXAMPLE_FILE, is_example=True)
    people = residents(COUNT)
    data = sheet(people)
    event = event_plan(
        actor=None,
        village=Region.objects.get(code=VILLAGE),
        date=dt.date(2026, 12, 5),
        title="Bench",
        target_registrations=COUNT,
    )
    codes = set(KbliCode.objects.values_list("code", flat=True))
    with OssSandbox(kbli_codes=codes) as sandbox:
        gateway = HttpOssGateway(sandbox.url, timeout=10)
        log(f"end to end: {COUNT} rows, {WORKERS} signing workers")
        start = time.perf_counter()
        run = import_xlsx(actor=None, event=event, file=io.BytesIO(data), file_name="bench.xlsx")
        import_seconds = time.perf_counter() - start
        batch = batch_run(
            actor=None, batch=batch_start(actor=None, event=event), gateway=gateway, workers=WORKERS
        )
        seconds = time.perf_counter() - start
        log(f"  {seconds:.1f} s (import {import_seconds:.1f} s); {batch.documents} documents")
        nibs = list(BusinessRegistration.objects.values_list("nib", flat=True))
        duplicates = len(nibs) - len(set(nibs)) + (sandbox.stats()["issued"] - len(set(nibs)))

    registration = BusinessRegistration.objects.select_related("owner", "village").first()
    office = nib_office(registration.regency_code)
    signer = signer_for_office(office=office)
    page = letter_data(
        document_type=nib_document_type(),
        resident=registration.owner,
        office=office,
        profile=office_profile_get(office=office),
        number="500/0001/35.10/2026",
        issued_on=dt.date(2026, 12, 5),
        seal_code="A" * 220 + "." + "B" * 86,
        form_data=nib_form(registration),
        with_qr=False,
    )
    page["reason"] = "bench"
    log(f"bare render + sign of the same NIB document, {COUNT} times, {WORKERS} workers")
    start = time.perf_counter()
    _pool_map([(page, signer)] * COUNT, WORKERS)
    bare = time.perf_counter() - start
    log(f"  {bare:.1f} s")
    print(
        json.dumps(
            {
                "database": "sqlite",
                "rows": COUNT,
                "seconds": round(seconds, 2),
                "bare_seconds": round(bare, 2),
                "ratio": round(seconds / bare, 3),
                "issued": batch.documents,
                "duplicates": duplicates,
                "import_seconds": round(import_seconds, 2),
                "workers": WORKERS,
                "bad_rows": run.bad,
            }
        )
    )


if __name__ == "__main__":
    main()
