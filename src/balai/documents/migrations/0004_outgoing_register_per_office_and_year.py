import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0002_service_versions"),
        ("documents", "0003_document_type_template_nib"),
        ("regions", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="OutgoingRegister",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("issuer_key", models.CharField(max_length=80, verbose_name="penerbit")),
                ("year", models.PositiveIntegerField(verbose_name="tahun")),
                (
                    "last_serial",
                    models.PositiveIntegerField(default=0, verbose_name="nomor terakhir"),
                ),
                (
                    "agency",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="catalog.agency",
                    ),
                ),
                (
                    "office",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="regions.region",
                        verbose_name="kantor",
                    ),
                ),
            ],
            options={
                "verbose_name": "buku agenda surat keluar",
                "verbose_name_plural": "buku agenda surat keluar",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("issuer_key", "year"), name="documents_register_unique"
                    )
                ],
            },
        ),
        migrations.RemoveConstraint(model_name="document", name="documents_number_unique"),
        migrations.RemoveConstraint(
            model_name="documentnumbervoid", name="documents_void_unique"
        ),
    ]
