"""The Kepmendagri region tree: province → regency/city → district → village."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from balai.regions.choices import VILLAGE_KINDS, Level


def name_key(name: str) -> str:
    """The form names are searched in: lower case, no spaces or punctuation."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


class Region(models.Model):
    # The dotted code is the natural key (35.10.05.2001) and its prefix is the subtree, so a
    # scope check is a prefix match on an indexed column, never a recursive query.
    code = models.CharField(_("kode"), max_length=13, primary_key=True)
    name = models.CharField(_("nama"), max_length=120)
    name_key = models.CharField(max_length=120, db_index=True, editable=False)
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["code"]
        indexes = [
            models.Index(
                fields=["code"], name="region_code_prefix", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(fields=["level", "name_key"], name="region_level_name"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def save(self, *args, **kwargs) -> None:
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)

    @property
    def regency_code(self) -> str | None:
        return regency_code_of(self.code)

    @property
    def district_code(self) -> str | None:
        parts = self.code.split(".")
        return ".".join(parts[:3]) if len(parts) >= 3 else None

    @property
    def village_kind(self):
        if self.level != Level.VILLAGE:
            return None
        return VILLAGE_KINDS.get(self.code.rsplit(".", 1)[1][:1])

    def contains(self, code: str) -> bool:
        return in_subtree(code, self.code)


def regency_code_of(code: str) -> str | None:
    parts = code.split(".")
    return ".".join(parts[:2]) if len(parts) >= 2 else None


def in_subtree(code: str | None, root: str) -> bool:
    return bool(code) and (code == root or code.startswith(root + "."))


def subtree_q(field: str, root: str) -> Q:
    """Rows whose region code `field` lies in the subtree rooted at `root`."""
    return Q(**{field: root}) | Q(**{f"{field}__startswith": root + "."})
