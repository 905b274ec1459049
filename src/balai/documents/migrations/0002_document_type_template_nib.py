"""The NIB template kind, and the NIB document type that licensing issues on outreach days."""

from django.db import migrations, models

NIB_BODY = (
    "Nomor Induk Berusaha (NIB) ini diterbitkan melalui sistem Online Single Submission (OSS) "
    "bagi pelaku usaha perseorangan berikut, sebagai identitas berusaha dan bukti pendaftaran "
    "kegiatan usaha berdasarkan tingkat risiko (PP 28/2025)."
)


def nib_type_create(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    DocumentType.objects.get_or_create(
        code="nib",
        defaults={
            "name": "Nomor Induk Berusaha",
            "template": "nib",
            "body": NIB_BODY,
            "classification_code": "500",
            "service_code": "nib",
        },
    )


def nib_type_remove(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    DocumentType.objects.filter(code="nib", template="nib").delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_documents_types_numbers_and_issued")]

    operations = [
        migrations.AlterField(
            model_name="documenttype",
            name="template",
            field=models.CharField(
                choices=[
                    ("village_letter", "Surat keterangan desa/kecamatan"),
                    ("nib", "Nomor Induk Berusaha (NIB)"),
                ],
                default="village_letter",
                max_length=30,
                verbose_name="templat",
            ),
        ),
        migrations.RunPython(nib_type_create, nib_type_remove),
    ]
