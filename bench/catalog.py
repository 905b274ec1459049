#!/usr/bin/env python3
"""Catalog search at 5,000 published services, against a naive name `icontains` query.

Loads the shipped Banyuwangi catalog through the real loader (`catalog_load`) into a fresh
SQLite database, adds generated published services through the models (bulk rows copied from a
shipped version, so the load stays short) up to 5,000, then sends a few thousand everyday queries
(with typos, stop words and unfinished words) through `services_search`, the entry point the
public page and the API use: each call includes the catalog stamp query that decides whether
the in-memory index is still current. The baseline is the query a first version would write:
published services whose name contains the text, in the same run, on the same data.
Last stdout line: {"p50_ms", "p95_ms", "services", "baseline_p50_ms", "ratio", ...}.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

TARGET_SERVICES = 5000
QUERY_COUNT = 3000
SEED = 20260

ACTIONS = [
    "Penerbitan",
    "Perpanjangan",
    "Pendaftaran",
    "Penggantian",
    "Rekomendasi",
    "Legalisasi",
    "Pencabutan",
    "Perubahan Data",
    "Verifikasi",
    "Pengesahan",
]
OBJECTS = [
    "Izin Usaha Perikanan",
    "Surat Keterangan Kelompok Tani",
    "Kartu Pelajar Desa",
    "Izin Penggunaan Balai Desa",
    "Sertifikat Pelatihan Kerja",
    "Izin Lokasi Pasar",
    "Tanda Daftar Gudang",
    "Izin Usaha Angkutan",
    "Surat Izin Praktik Tenaga Kesehatan",
    "Izin Operasional Sekolah",
    "Sertifikat Produk Pangan",
    "Izin Keramaian Desa",
    "Kartu Anggota Koperasi",
    "Rekening Air Minum",
    "Pajak Sarang Burung Walet",
    "Izin Pemakaian Kekayaan Daerah",
    "Izin Pembuangan Limbah",
    "Izin Tempat Hiburan",
    "Surat Keterangan Asal Barang",
    "Izin Perahu Wisata",
]
QUALIFIERS = [
    "Perorangan",
    "Badan Usaha",
    "Usaha Mikro",
    "Nelayan",
    "Petani",
    "Lansia",
    "Desa Wisata",
    "Kawasan Industri",
    "Pesantren",
    "Kecamatan",
]
EVERYDAY = [
    "ktp hilang",
    "akta lahir",
    "surat miskin",
    "izin usaha",
    "bikin kk",
    "perpanjang sim",
    "skck",
    "paspor",
    "bpjs bayi",
    "balik nama motor",
    "sertifikat tanah",
    "pindah domisili",
    "kartu nelayan",
    "npwp",
    "pasang listrik",
    "sambung air pdam",
    "bayar pbb",
    "nikah",
    "kartu kuning",
    "akta kematian",
    "surat domisili",
    "keterangan usaha",
    "izin praktik bidan",
    "pajak motor",
    "sertifikat halal",
    "izin bangun rumah",
    "pelatihan kerja",
    "kartu anak",
    "surat kehilangan",
    "legalisir akta",
]
LEADS = ["", "", "", "cara ", "syarat ", "bagaimana mengurus ", "bikin "]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 6:
        return word
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def queries(rng: random.Random) -> list[str]:
    out = []
    for _ in range(QUERY_COUNT):
        words = rng.choice(EVERYDAY).split()
        roll = rng.random()
        if roll < 0.15:
            words = [typo(w, rng) for w in words]
        elif roll < 0.25:
            words[-1] = words[-1][: max(3, len(words[-1]) - 2)]
        elif roll < 0.3:
            words = [rng.choice(OBJECTS).split()[-1].lower()]
        out.append(rng.choice(LEADS) + " ".join(words))
    return out


def generated_services(count: int, rng: random.Random):
    agencies_life = ["usaha", "bekerja", "lainnya", "pajak", "sekolah"]
    for n in range(count):
        action, thing, who = rng.choice(ACTIONS), rng.choice(OBJECTS), rng.choice(QUALIFIERS)
        yield {
            "code": f"gen-{n:05d}",
            "name": f"{action} {thing} {who}",
            "description": f"{action} {thing.lower()} bagi {who.lower()} di Banyuwangi.",
            "synonyms": [f"{thing.split()[0].lower()} {who.lower()}", f"urus {thing.lower()}"],
            "life_events": rng.sample(agencies_life, 2),
        }


def add_generated(target: int) -> None:
    """Published services up to `target`, each a copy of a shipped version with new words."""
    from django.db import transaction
    from django.db.models import OuterRef, Subquery
    from django.forms.models import model_to_dict
    from django.utils import timezone

    from balai.catalog.choices import ServiceStatus, VersionStatus
    from balai.catalog.models import Agency, Service, ServiceVersion

    template = ServiceVersion.objects.filter(
        status=VersionStatus.PUBLISHED, agency__isnull=False
    ).first()
    base = model_to_dict(
        template,
        exclude=["id", "service", "number", "service_points", "created_by", "published_by"],
    )
    base.pop("agency")
    base.pop("published_at")
    base["workflow_id"] = base.pop("workflow")
    agencies = list(Agency.objects.order_by("code"))
    rng = random.Random(SEED)
    extra = list(generated_services(target - Service.objects.count(), rng))
    now = timezone.now()
    with transaction.atomic():
        services = Service.objects.bulk_create(
            Service(
                code=g["code"],
                name=g["name"],
                agency=(agency := rng.choice(agencies)),
                region_id=agency.region_id,
                status=ServiceStatus.PUBLISHED,
            )
            for g in extra
        )
        ServiceVersion.objects.bulk_create(
            ServiceVersion(
                **{**base, **{k: v for k, v in g.items() if k != "code"}},
                service=service,
                number=1,
                agency_id=service.agency_id,
                published_at=now,
            )
            for g, service in zip(extra, services, strict=True)
        )
        own = ServiceVersion.objects.filter(service_id=OuterRef("pk")).values("pk")[:1]
        Service.objects.filter(code__startswith="gen-").update(
            current_version_id=Subquery(own), published_version_id=Subquery(own)
        )


def main() -> None:
    # A memory-backed directory when there is one: the load is writes, the measure is reads.
    shm = Path("/dev/shm")  # noqa: S108 - mkdtemp below makes a private 0700 directory in it
    parent = str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None
    workdir = Path(tempfile.mkdtemp(prefix="balai-bench-catalog-", dir=parent))
    try:
        os.environ["BALAI_DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
        os.environ["BALAI_VAR_DIR"] = str(workdir)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai.settings")
        import django

        django.setup()
        from django.core.management import call_command

        from balai.catalog.choices import ServiceStatus
        from balai.catalog.loading import DATA_DIR, catalog_load
        from balai.catalog.models import Service
        from balai.catalog.search import catalog_index, index_search, services_search
        from balai.regions.services import load_regions

        log("migrating a fresh SQLite database")
        call_command("migrate", verbosity=0)
        log("loading regions of Jawa Timur")
        load_regions(prefixes=("35",))
        log("loading the shipped catalog through the catalog loader")
        start = time.perf_counter()
        catalog_load(actor=None, directory=DATA_DIR)
        log(f"  {time.perf_counter() - start:.1f} s")
        log(f"adding generated published services up to {TARGET_SERVICES}")
        add_generated(TARGET_SERVICES)
        published = Service.objects.filter(status=ServiceStatus.PUBLISHED)
        count = published.count()
        log(f"  {count} published services")

        texts = queries(random.Random(SEED))
        start = time.perf_counter()
        services_search(query="ktp")
        cold_ms = (time.perf_counter() - start) * 1000
        log(f"first search (builds the index): {cold_ms:.0f} ms")

        log(f"{len(texts)} queries through services_search")
        timings, empty = [], 0
        for text in texts:
            start = time.perf_counter()
            found = services_search(query=text)
            timings.append((time.perf_counter() - start) * 1000)
            empty += not found
        log("the same queries on the index alone (no stamp query)")
        index = catalog_index()
        in_memory = []
        for text in texts:
            start = time.perf_counter()
            index_search(index, text)
            in_memory.append((time.perf_counter() - start) * 1000)
        log(f"{len(texts)} queries through the name icontains baseline")
        baseline, baseline_empty = [], 0
        for text in texts:
            start = time.perf_counter()
            found = list(
                published.filter(name__icontains=text).order_by("name").values_list("code")[:20]
            )
            baseline.append((time.perf_counter() - start) * 1000)
            baseline_empty += not found
        p50, p95 = statistics.median(timings), percentile(timings, 0.95)
        base_p50 = statistics.median(baseline)
        log(f"search   p50 {p50:.2f} ms  p95 {p95:.2f} ms  no result for {empty} queries")
        log(f"baseline p50 {base_p50:.2f} ms  no result for {baseline_empty} queries")
        report = {
            "p50_ms": round(p50, 3),
            "p95_ms": round(p95, 3),
            "services": count,
            "baseline_p50_ms": round(base_p50, 3),
            "ratio": round(p50 / base_p50, 3),
            "database": "sqlite",
            "index_only_p50_ms": round(statistics.median(in_memory), 3),
            "index_only_p95_ms": round(percentile(in_memory, 0.95), 3),
            "queries": len(texts),
            "index_build_ms": round(cold_ms, 1),
            "no_result_share": round(empty / len(texts), 3),
            "baseline_no_result_share": round(baseline_empty / len(texts), 3),
        }
        from django.db import connections

        connections.close_all()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
