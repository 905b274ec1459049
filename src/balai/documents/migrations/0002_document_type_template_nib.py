"""The NIB template kind. The NIB document type itself is made by `document_type_ensure` the
first time licensing issues one, so a database without licensing holds only village letters."""

from django.db import migrations, models


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
    ]
