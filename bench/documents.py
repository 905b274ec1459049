#!/usr/bin/env python3
"""Issuing village letters on SQLite: the full path against a bare render-and-sign loop.

`per_s`: documents per second through `document_issue` (Typst render, number from the locked
sequence, Ed25519 seal, PAdES signature with pyHanko, file stored, row and audit event).
`bare_per_s`: the same letter rendered with Typst and signed with pyHanko in a plain loop, no
database and no storage; `ratio` = per_s / bare_per_s. `weasyprint_per_s`: the same letter as
HTML through WeasyPrint (render only), for comparison with Typst's render alone
(`typst_render_per_s`). `bulk_per_s`: `documents_issue_bulk` with one worker per core, merged
print file included. Runs in a temporary SQLite database under a temporary var folder.
Last stdout line: one JSON object with those keys.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time

ISSUES = int(os.environ.get("BENCH_DOCUMENTS", 150))
RENDERS = 60
BULK_WORKERS = max(2, os.cpu_count() or 1)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def rate(count: int, fn) -> float:
    start = time.perf_counter()
    for _ in range(count):
        fn()
    return count / (time.perf_counter() - start)


def weasyprint_rate(data: dict) -> tuple[float | None, str | None]:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # missing Pango raises OSError on import
        return None, f"WeasyPrint unavailable: {exc}"
    rows = "".join(f"<tr><td>{k}</td><td>: {v}</td></tr>" for k, v in data["fields"])
    heading = "".join(f"<div class='h'>{line.upper()}</div>" for line in data["office"]["heading"])
    html = (
        "<html><head><style>@page{size:A4;margin:1.5cm 2cm 2cm 2.5cm}"
        "body{font-family:serif;font-size:12pt}.h{font-weight:bold;font-size:14pt;"
        "text-align:center}h1{text-align:center;font-size:13pt;text-decoration:underline}"
        f"</style></head><body>{heading}<hr><h1>{data['title'].upper()}</h1>"
        f"<p style='text-align:center'>Nomor: {data['number']}</p><p>{data['opening']}</p>"
        f"<table>{rows}</table>{''.join(f'<p>{p}</p>' for p in data['body'])}"
        f"<p>{data['closing']}</p><div style='float:right;text-align:center'>{data['place']}, "
        f"{data['date']}<br>{data['signer']['title']}<br>{data['qr_svg']}<br>"
        f"{data['signer']['name']}</div></body></html>"
    )
    return rate(max(5, RENDERS // 6), lambda: weasyprint.HTML(string=html).write_pdf()), None


def main() -> None:
    var = tempfile.mkdtemp(prefix="balai-bench-documents-")
    os.environ["BALAI_VAR_DIR"] = var
    os.environ["BALAI_DATABASE_URL"] = f"sqlite:///{var}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai.settings")
    import datetime as dt

    import django

    django.setup()
    from django.core.management import call_command

    from balai.documents.bodies import body_for
    from balai.documents.models import DocumentType
    from balai.documents.rendering import letter_data, letter_render
    from balai.documents.services import document_issue, office_profile_get, signer_for_office
    from balai.people.models import Resident
    from balai.regions.models import Region
    from balai.regions.services import load_regions

    log(f"migrating a SQLite database in {var}")
    call_command("migrate", verbosity=0)
    load_regions(prefixes=("35.10",))
    village = Region.objects.get(code="35.10.05.2001")
    resident = Resident.objects.create(
        regency_code="35.10",
        nik="3510050406850001",
        name="Budi Santoso",
        birth_place="Banyuwangi",
        birth_date=dt.date(1985, 6, 4),
        sex="L",
        religion="islam",
        marital_status="kawin",
        education="sma",
        occupation="Nelayan",
        village=village,
        address="Jl. Raya Muncar 1",
    )
    letter = DocumentType.objects.create(
        code="sk-domisili", name="Surat Keterangan Domisili", body=body_for("sk-domisili")
    )
    signer = signer_for_office(office=village)
    log("warming up")
    document_issue(actor=None, document_type=letter, resident=resident, signer=signer)

    log(f"issuing {ISSUES} documents through document_issue")
    per_s = rate(
        ISSUES,
        lambda: document_issue(actor=None, document_type=letter, resident=resident, signer=signer),
    )
    log(f"  {per_s:.1f}/s")

    from balai.documents.bulk import documents_issue_bulk

    log(f"bulk issuance of {ISSUES} documents in {BULK_WORKERS} worker processes")
    start = time.perf_counter()
    documents_issue_bulk(
        actor=None,
        document_type=letter,
        residents=[resident] * ISSUES,
        office=village,
        signer=signer,
        workers=BULK_WORKERS,
    )
    bulk_per_s = ISSUES / (time.perf_counter() - start)
    log(f"  {bulk_per_s:.1f}/s")

    data = letter_data(
        document_type=letter,
        resident=resident,
        office=village,
        profile=office_profile_get(office=village),
        number="400/001/35.10.05.2001/2026",
        issued_on=dt.date(2026, 6, 4),
        seal_code="A" * 220 + "." + "B" * 86,
    )
    log(f"bare Typst render + pyHanko sign, {ISSUES} times")
    bare_per_s = rate(
        ISSUES, lambda: signer.sign(letter_render(data), reason="bench", location="bench")
    )
    log(f"  {bare_per_s:.1f}/s")
    typst_per_s = rate(RENDERS, lambda: letter_render(data))
    log(f"Typst render alone {typst_per_s:.1f}/s; WeasyPrint")
    weasy, note = weasyprint_rate(data)
    log(f"  WeasyPrint {weasy if weasy is None else round(weasy, 1)}/s")
    result = {
        "database": "sqlite",
        "documents": ISSUES,
        "per_s": round(per_s, 2),
        "bare_per_s": round(bare_per_s, 2),
        "ratio": round(per_s / bare_per_s, 3),
        "bulk_per_s": round(bulk_per_s, 2),
        "bulk_workers": BULK_WORKERS,
        "typst_render_per_s": round(typst_per_s, 2),
        "weasyprint_per_s": None if weasy is None else round(weasy, 2),
    }
    if note:
        result["weasyprint_note"] = note
    print(json.dumps(result))


if __name__ == "__main__":
    main()
