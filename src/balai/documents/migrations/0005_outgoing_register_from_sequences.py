"""Each issuer's register starts after the highest serial it has already given in the year,
so a number issued before the one-register rule is never given again. Type classification
codes still on the old placeholder 400 take the code of the shipped table (Permendagri
83/2022). Reversing keeps the per-type sequences at the same high-water mark."""

from django.db import migrations
from django.db.models import Max

# Frozen copy of balai.documents.classification.CLASSIFICATION at the time of this migration.
CLASSIFICATION = {
    "sk-domisili": "470",
    "sktm": "460",
    "sku": "503",
    "pengantar-skck": "331",
    "sk-kelahiran": "474.1",
    "sk-kematian": "474.3",
    "sk-lahir-mati": "474.3",
    "pengantar-pindah": "475",
    "pengantar-nikah": "474.2",
    "izin-orang-tua-nikah": "474.2",
    "sk-belum-menikah": "474.2",
    "sk-status-perkawinan": "474.2",
    "sk-janda-duda": "474.2",
    "sk-ahli-waris": "474",
    "sk-wali": "474",
    "sk-penghasilan": "470",
    "sk-kehilangan": "331",
    "sk-beda-identitas": "470",
    "sk-domisili-usaha": "503",
    "sk-domisili-lembaga": "470",
    "sk-riwayat-tanah": "593",
    "sk-jual-beli-tanah": "593",
    "pengantar-ktp-kk": "470",
    "sk-bepergian": "470",
    "pengantar-keramaian": "331",
    "sk-catatan-kependudukan": "470",
    "rekomendasi-beasiswa": "420",
    "sk-tidak-memiliki-rumah": "460",
    "sk-belum-bekerja": "560",
    "legalisasi-kuasa": "470",
    "pengantar-bpjs-pbi": "440",
    "sk-ghaib": "470",
    "sk-yatim-piatu": "460",
    "sk-penghayat": "470",
    "sk-profesi": "470",
}


def registers_from_sequences(apps, schema_editor):
    Sequence = apps.get_model("documents", "NumberSequence")
    Register = apps.get_model("documents", "OutgoingRegister")
    Document = apps.get_model("documents", "Document")
    Agency = apps.get_model("catalog", "Agency")
    tops: dict = {}
    for row in Sequence.objects.values("office_id", "year").annotate(top=Max("last_serial")):
        tops[(row["office_id"], None, row["year"])] = row["top"]
    agency_rows = (
        Document.objects.filter(agency__isnull=False)
        .values("office_id", "agency_id", "year")
        .annotate(top=Max("serial"))
    )
    for row in agency_rows:
        tops[(row["office_id"], row["agency_id"], row["year"])] = row["top"]
    for (office_id, agency_id, year), top in tops.items():
        key = office_id
        if agency_id is not None:
            key = "agency-" + Agency.objects.get(pk=agency_id).code
        Register.objects.update_or_create(
            issuer_key=key,
            year=year,
            defaults={"office_id": office_id, "agency_id": agency_id, "last_serial": top},
        )
    DocumentType = apps.get_model("documents", "DocumentType")
    for code, classification in CLASSIFICATION.items():
        DocumentType.objects.filter(code=code, classification_code="400").update(
            classification_code=classification
        )


def sequences_from_registers(apps, schema_editor):
    Sequence = apps.get_model("documents", "NumberSequence")
    Register = apps.get_model("documents", "OutgoingRegister")
    for register in Register.objects.filter(agency__isnull=True):
        Sequence.objects.filter(office_id=register.office_id, year=register.year).update(
            last_serial=register.last_serial
        )


class Migration(migrations.Migration):
    dependencies = [("documents", "0004_outgoing_register_per_office_and_year")]

    operations = [migrations.RunPython(registers_from_sequences, sequences_from_registers)]
