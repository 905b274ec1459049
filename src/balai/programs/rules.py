"""Eligibility rules of a programme, evaluated over facts Balai already holds.

Pure functions over a `Facts` value, so the rules are tested by property without a database;
`services.applicant_facts` gathers the facts from the register, licensing and documents.
A rule set accepts an applicant only when none of its rules refuses, and every refusal is named.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class BusinessFacts:
    kbli_codes: tuple[str, ...]
    scale: str
    has_nib: bool


@dataclass(frozen=True)
class Facts:
    in_regency: bool
    living: bool
    age: int
    segments: frozenset[str] = frozenset()
    business: BusinessFacts | None = None
    has_sku: bool = False
    # Codes of other programmes whose benefit the applicant holds in an overlapping period.
    programmes_held: frozenset[str] = frozenset()
    family_taken: bool = False
    already_held: int = 0


@dataclass(frozen=True)
class Refusal:
    code: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class Verdict:
    refusals: list[Refusal] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return not self.refusals


def _residency(rule: dict[str, Any], f: Facts) -> Refusal | None:
    if f.in_regency:
        return None
    return Refusal("not_resident", _("Pemohon tidak terdaftar sebagai penduduk kabupaten ini."))


def _living(rule: dict[str, Any], f: Facts) -> Refusal | None:
    if f.living:
        return None
    return Refusal("not_living", _("Pemohon tercatat meninggal atau pindah keluar."))


def _age(rule: dict[str, Any], f: Facts) -> Refusal | None:
    low, high = rule.get("min"), rule.get("max")
    if low is not None and f.age < low:
        return Refusal("too_young", _("Umur pemohon kurang dari %(n)s tahun.") % {"n": low})
    if high is not None and f.age > high:
        return Refusal("too_old", _("Umur pemohon lebih dari %(n)s tahun.") % {"n": high})
    return None


def _segment(rule: dict[str, Any], f: Facts) -> Refusal | None:
    wanted = set(rule["any"])
    if wanted & f.segments:
        return None
    return Refusal(
        "segment",
        _("Pemohon tidak termasuk kelompok sasaran: %(s)s.") % {"s": ", ".join(sorted(wanted))},
    )


def _business(rule: dict[str, Any], f: Facts) -> Refusal | None:
    b = f.business
    if b is None or (rule.get("nib", True) and not b.has_nib):
        return Refusal("no_business", _("Pemohon belum memiliki usaha terdaftar dengan NIB."))
    scales = rule.get("scales")
    if scales and b.scale not in scales:
        return Refusal(
            "business_scale",
            _("Skala usaha %(scale)s tidak termasuk sasaran (%(allowed)s).")
            % {"scale": b.scale, "allowed": ", ".join(scales)},
        )
    prefixes = rule.get("kbli_prefixes")
    if prefixes and not any(c.startswith(tuple(prefixes)) for c in b.kbli_codes):
        return Refusal(
            "business_kbli",
            _("Bidang usaha (KBLI) tidak termasuk sasaran program (%(p)s).")
            % {"p": ", ".join(prefixes)},
        )
    return None


def _sku_letter(rule: dict[str, Any], f: Facts) -> Refusal | None:
    if f.has_sku:
        return None
    return Refusal(
        "no_sku", _("Pemohon belum memiliki Surat Keterangan Usaha yang sah dari desa/kelurahan.")
    )


def _not_in_programme(rule: dict[str, Any], f: Facts) -> Refusal | None:
    held = sorted(set(rule["programmes"]) & f.programmes_held)
    if not held:
        return None
    return Refusal(
        "other_programme",
        _("Pemohon sudah menerima program lain pada periode yang sama: %(p)s.")
        % {"p": ", ".join(held)},
    )


def _one_per_family(rule: dict[str, Any], f: Facts) -> Refusal | None:
    if not f.family_taken:
        return None
    return Refusal(
        "family_taken", _("Anggota keluarga lain (KK yang sama) sudah mengajukan program ini.")
    )


RULES: dict[str, Callable[[dict[str, Any], Facts], Refusal | None]] = {
    "residency": _residency,
    "living": _living,
    "age": _age,
    "segment": _segment,
    "business": _business,
    "sku_letter": _sku_letter,
    "not_in_programme": _not_in_programme,
    "one_per_family": _one_per_family,
}


def evaluate(rules: list[dict[str, Any]], facts: Facts, *, per_beneficiary: int = 1) -> Verdict:
    """Every rule is evaluated (not only up to the first failure): the applicant hears all
    the reasons at once instead of coming back once per reason."""
    refusals = [r for rule in rules if (r := RULES[rule["rule"]](rule, facts)) is not None]
    if facts.already_held >= per_beneficiary:
        refusals.append(Refusal("already_applied", _("Pemohon sudah terdaftar pada program ini.")))
    return Verdict(refusals)
