"""The 2026 days seeded in 0002 name their decree (SKB 3 Menteri of 2025); reversible."""

from django.db import migrations

DECREE = (
    "SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB Nomor 1497 Tahun 2025, "
    "Nomor 2 Tahun 2025, Nomor 5 Tahun 2025 tentang Hari Libur Nasional dan Cuti Bersama "
    "Tahun 2026"
)


def name_decree(apps, schema_editor):
    Holiday = apps.get_model("cases", "Holiday")
    Holiday.objects.filter(date__year=2026, region_code="", decree="").update(decree=DECREE)


def unname_decree(apps, schema_editor):
    Holiday = apps.get_model("cases", "Holiday")
    Holiday.objects.filter(date__year=2026, decree=DECREE).update(decree="")


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_holiday_decree")]

    operations = [migrations.RunPython(name_decree, unname_decree)]
