from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("documents", "0005_outgoing_register_from_sequences")]

    operations = [
        migrations.AddConstraint(
            model_name="document",
            constraint=models.UniqueConstraint(
                condition=models.Q(("agency__isnull", True)),
                fields=("office", "year", "serial"),
                name="documents_office_register_unique",
            ),
        ),
        migrations.AddConstraint(
            model_name="document",
            constraint=models.UniqueConstraint(
                condition=models.Q(("agency__isnull", False)),
                fields=("agency", "year", "serial"),
                name="documents_agency_register_unique",
            ),
        ),
        migrations.AddConstraint(
            model_name="documentnumbervoid",
            constraint=models.UniqueConstraint(
                fields=("office", "year", "serial"), name="documents_void_register_unique"
            ),
        ),
        migrations.DeleteModel(name="NumberSequence"),
    ]
