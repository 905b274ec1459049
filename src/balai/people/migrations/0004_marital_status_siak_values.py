"""The register's marital statuses move to SIAK's six values (Permendagri 109/2019, F-1.01).

The old "kawin" and "cerai_hidup" did not say whether the marriage or divorce was recorded; they
become the recorded values, as a village's own records meant them, and the operator corrects the
few unrecorded ones (an SPTJM then follows). Reversible: the recorded and unrecorded values fold
back into the old two.
"""

from django.db import migrations

FORWARD = {"kawin": "kawin_tercatat", "cerai_hidup": "cerai_hidup_tercatat"}
BACKWARD = {
    "kawin_tercatat": "kawin",
    "kawin_belum_tercatat": "kawin",
    "cerai_hidup_tercatat": "cerai_hidup",
    "cerai_hidup_belum_tercatat": "cerai_hidup",
}


def _remap(mapping):
    def run(apps, schema_editor):
        Resident = apps.get_model("people", "Resident")
        for old, new in mapping.items():
            Resident.objects.filter(marital_status=old).update(marital_status=new)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_resident_nik_remarks_and_siak_marital_status"),
    ]

    operations = [migrations.RunPython(_remap(FORWARD), _remap(BACKWARD))]
