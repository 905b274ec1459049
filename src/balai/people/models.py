"""The population register of a village: residents and families (Kartu Keluarga)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from balai.people.choices import (
    BloodType,
    Education,
    MaritalStatus,
    Relationship,
    Religion,
    ResidentStatus,
    Sex,
)


class Family(models.Model):
    # Every table that grows with people carries its regency: the key it would be
    # distributed by (docs/adr/0002-regency-key.md).
    regency_code = models.CharField(_("kode kabupaten"), max_length=5, db_index=True)
    kk_number = models.CharField(_("nomor KK"), max_length=16)
    village = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="families", verbose_name=_("desa")
    )
    dusun = models.CharField(_("dusun"), max_length=80, blank=True)
    rt = models.CharField(_("RT"), max_length=3, blank=True)
    rw = models.CharField(_("RW"), max_length=3, blank=True)
    address = models.CharField(_("alamat"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("keluarga")
        verbose_name_plural = _("keluarga")
        constraints = [
            models.UniqueConstraint(fields=["regency_code", "kk_number"], name="family_kk_unique")
        ]
        indexes = [
            models.Index(fields=["village", "kk_number"], name="family_village_kk"),
            # Staff search by KK number or its first digits; pattern ops let PostgreSQL use
            # the index for a prefix LIKE as well as for equality.
            models.Index(fields=["kk_number"], name="family_kk", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return self.kk_number


class Resident(models.Model):
    regency_code = models.CharField(_("kode kabupaten"), max_length=5, db_index=True)
    nik = models.CharField(_("NIK"), max_length=16)
    name = models.CharField(_("nama"), max_length=120)
    name_key = models.CharField(max_length=120, editable=False)
    birth_place = models.CharField(_("tempat lahir"), max_length=80)
    birth_date = models.DateField(_("tanggal lahir"))
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    religion = models.CharField(_("agama"), max_length=12, choices=Religion.choices)
    marital_status = models.CharField(
        _("status perkawinan"), max_length=26, choices=MaritalStatus.choices
    )
    education = models.CharField(_("pendidikan"), max_length=16, choices=Education.choices)
    occupation = models.CharField(_("pekerjaan"), max_length=80, blank=True)
    blood_type = models.CharField(
        _("golongan darah"), max_length=2, choices=BloodType.choices, default=BloodType.UNKNOWN
    )
    disability = models.CharField(_("disabilitas"), max_length=80, blank=True)
    village = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="residents", verbose_name=_("desa")
    )
    dusun = models.CharField(_("dusun"), max_length=80, blank=True)
    rt = models.CharField(_("RT"), max_length=3, blank=True)
    rw = models.CharField(_("RW"), max_length=3, blank=True)
    address = models.CharField(_("alamat"), max_length=200, blank=True)
    phone = models.CharField(_("nomor telepon"), max_length=20, blank=True)
    family = models.ForeignKey(
        Family,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("keluarga"),
    )
    relationship = models.CharField(
        _("hubungan dalam keluarga"), max_length=16, choices=Relationship.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ResidentStatus.choices, default=ResidentStatus.LIVING
    )
    status_date = models.DateField(_("tanggal status"), null=True, blank=True)
    # Comma-joined remark codes (people/nik.py REMARK_*) where the record disagrees with its
    # NIK; the NIK is permanent, so the disagreement is flagged for the operator, not refused.
    nik_remarks = models.CharField(_("catatan NIK"), max_length=60, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("penduduk")
        verbose_name_plural = _("penduduk")
        constraints = [
            # A NIK is registered once per regency; moving to another regency is a "pindah"
            # there and a new registration here, as in the civil register itself.
            models.UniqueConstraint(fields=["regency_code", "nik"], name="resident_nik_unique"),
            models.UniqueConstraint(
                fields=["family"],
                condition=Q(relationship=Relationship.HEAD),
                name="family_one_head",
            ),
        ]
        indexes = [
            models.Index(fields=["nik"], name="resident_nik", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["village", "name_key"], name="resident_village_name"),
            models.Index(fields=["family"], name="resident_family"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def nik_remark_messages(self) -> list[str]:
        from balai.people.nik import REMARK_MESSAGES

        codes = [c for c in self.nik_remarks.split(",") if c]
        return [str(REMARK_MESSAGES.get(c, c)) for c in codes]

    def save(self, *args, **kwargs) -> None:
        from balai.regions.models import name_key

        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)
