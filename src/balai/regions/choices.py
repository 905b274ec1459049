from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("Provinsi")
    REGENCY = "regency", _("Kabupaten/Kota")
    DISTRICT = "district", _("Kecamatan")
    VILLAGE = "village", _("Desa/Kelurahan")


# The four levels as the source file spells them.
SOURCE_LEVELS = {
    "provinsi": Level.PROVINCE,
    "kabupaten_kota": Level.REGENCY,
    "kecamatan": Level.DISTRICT,
    "desa_kelurahan": Level.VILLAGE,
}

# Kepmendagri 300.2.2-2138/2025: the first digit of a village's own part says its kind.
VILLAGE_KINDS = {"1": _("Kelurahan"), "2": _("Desa"), "3": _("Desa adat")}
