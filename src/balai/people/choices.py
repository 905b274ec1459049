"""Code lists of the population register (the values Dukcapil's forms use)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class Religion(models.TextChoices):
    ISLAM = "islam", _("Islam")
    KRISTEN = "kristen", _("Kristen")
    KATOLIK = "katolik", _("Katolik")
    HINDU = "hindu", _("Hindu")
    BUDDHA = "buddha", _("Buddha")
    KONGHUCU = "konghucu", _("Khonghucu")
    KEPERCAYAAN = "kepercayaan", _("Kepercayaan terhadap Tuhan Yang Maha Esa")


class MaritalStatus(models.TextChoices):
    """SIAK's six values (Permendagri 109/2019, form F-1.01). "Belum tercatat" (a marriage or
    divorce not registered with KUA or the civil registry) is what makes an SPTJM of the truth
    of the marriage necessary (form F-1.05), so it is kept apart from "tercatat"."""

    SINGLE = "belum_kawin", _("Belum kawin")
    MARRIED = "kawin_tercatat", _("Kawin tercatat")
    MARRIED_UNRECORDED = "kawin_belum_tercatat", _("Kawin belum tercatat")
    DIVORCED = "cerai_hidup_tercatat", _("Cerai hidup tercatat")
    DIVORCED_UNRECORDED = "cerai_hidup_belum_tercatat", _("Cerai hidup belum tercatat")
    WIDOWED = "cerai_mati", _("Cerai mati")


# The statuses for which a service asks for an SPTJM instead of a marriage or divorce deed.
MARITAL_UNRECORDED = frozenset(
    {MaritalStatus.MARRIED_UNRECORDED, MaritalStatus.DIVORCED_UNRECORDED}
)


class Education(models.TextChoices):
    NONE = "tidak_sekolah", _("Tidak/belum sekolah")
    SD_INCOMPLETE = "belum_tamat_sd", _("Belum tamat SD/sederajat")
    SD = "sd", _("Tamat SD/sederajat")
    SMP = "smp", _("SLTP/sederajat")
    SMA = "sma", _("SLTA/sederajat")
    D1_D2 = "d1_d2", _("Diploma I/II")
    D3 = "d3", _("Akademi/Diploma III/Sarjana Muda")
    S1 = "s1", _("Diploma IV/Strata I")
    S2 = "s2", _("Strata II")
    S3 = "s3", _("Strata III")


class BloodType(models.TextChoices):
    A = "A", "A"
    B = "B", "B"
    AB = "AB", "AB"
    O = "O", "O"
    UNKNOWN = "-", _("Tidak tahu")


class ResidentStatus(models.TextChoices):
    LIVING = "hidup", _("Hidup")
    DECEASED = "meninggal", _("Meninggal")
    MOVED_OUT = "pindah", _("Pindah keluar")


class Relationship(models.TextChoices):
    HEAD = "kepala_keluarga", _("Kepala keluarga")
    HUSBAND = "suami", _("Suami")
    WIFE = "istri", _("Istri")
    CHILD = "anak", _("Anak")
    CHILD_IN_LAW = "menantu", _("Menantu")
    GRANDCHILD = "cucu", _("Cucu")
    PARENT = "orang_tua", _("Orang tua")
    PARENT_IN_LAW = "mertua", _("Mertua")
    OTHER_RELATIVE = "famili_lain", _("Famili lain")
    HELPER = "pembantu", _("Pembantu")
    OTHER = "lainnya", _("Lainnya")


class Segment(models.TextChoices):
    """Groups a service may target; each is derived from the register's own fields."""

    FISHERMEN = "nelayan", _("Nelayan")
    FARMERS = "petani", _("Petani/pekebun")
    BELIEVERS = "penghayat", _("Penghayat kepercayaan")
    ELDERLY = "lansia", _("Lansia")
    DISABLED = "disabilitas", _("Penyandang disabilitas")
