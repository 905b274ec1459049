"""Indonesia's 2026 national holidays and cuti bersama.

Source: SKB Menteri Agama, Menteri Ketenagakerjaan and Menteri PANRB Nomor 1497 Tahun 2025,
Nomor 2 Tahun 2025, Nomor 5 Tahun 2025 (17 national holidays, 8 days of cuti bersama).
Operators edit later changes in the admin; this migration only seeds the table.
"""

import datetime as dt

from django.db import migrations

NATIONAL = [
    (dt.date(2026, 1, 1), "Tahun Baru 2026 Masehi"),
    (dt.date(2026, 1, 16), "Isra Mikraj Nabi Muhammad S.A.W."),
    (dt.date(2026, 2, 17), "Tahun Baru Imlek 2577 Kongzili"),
    (dt.date(2026, 3, 19), "Hari Suci Nyepi (Tahun Baru Saka 1948)"),
    (dt.date(2026, 3, 21), "Idulfitri 1447 Hijriah"),
    (dt.date(2026, 3, 22), "Idulfitri 1447 Hijriah"),
    (dt.date(2026, 4, 3), "Wafat Yesus Kristus"),
    (dt.date(2026, 4, 5), "Kebangkitan Yesus Kristus (Paskah)"),
    (dt.date(2026, 5, 1), "Hari Buruh Internasional"),
    (dt.date(2026, 5, 14), "Kenaikan Yesus Kristus"),
    (dt.date(2026, 5, 27), "Iduladha 1447 Hijriah"),
    (dt.date(2026, 5, 31), "Hari Raya Waisak 2570 BE"),
    (dt.date(2026, 6, 1), "Hari Lahir Pancasila"),
    (dt.date(2026, 6, 16), "1 Muharam Tahun Baru Islam 1448 Hijriah"),
    (dt.date(2026, 8, 17), "Proklamasi Kemerdekaan"),
    (dt.date(2026, 8, 25), "Maulid Nabi Muhammad S.A.W."),
    (dt.date(2026, 12, 25), "Kelahiran Yesus Kristus"),
]
CUTI_BERSAMA = [
    (dt.date(2026, 2, 16), "Cuti bersama Tahun Baru Imlek"),
    (dt.date(2026, 3, 18), "Cuti bersama Hari Suci Nyepi"),
    (dt.date(2026, 3, 20), "Cuti bersama Idulfitri"),
    (dt.date(2026, 3, 23), "Cuti bersama Idulfitri"),
    (dt.date(2026, 3, 24), "Cuti bersama Idulfitri"),
    (dt.date(2026, 5, 15), "Cuti bersama Kenaikan Yesus Kristus"),
    (dt.date(2026, 5, 28), "Cuti bersama Iduladha"),
    (dt.date(2026, 12, 24), "Cuti bersama Kelahiran Yesus Kristus"),
]


def seed(apps, schema_editor):
    Holiday = apps.get_model("cases", "Holiday")
    rows = [Holiday(date=d, name=n, kind="national") for d, n in NATIONAL]
    rows += [Holiday(date=d, name=n, kind="cuti_bersama") for d, n in CUTI_BERSAMA]
    Holiday.objects.bulk_create(rows, ignore_conflicts=True)


def unseed(apps, schema_editor):
    Holiday = apps.get_model("cases", "Holiday")
    days = [d for d, _ in NATIONAL + CUTI_BERSAMA]
    Holiday.objects.filter(date__in=days, region_code="").delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_case_requirement_action_idempotency_holiday")]

    operations = [migrations.RunPython(seed, unseed)]
