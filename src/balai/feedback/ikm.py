"""The satisfaction index (IKM) of PermenPAN-RB 14/2017, computed exactly. Pure: no ORM.

Nine elements U1..U9 are scored 1-4 by each respondent. The mean per element (NRR) is weighted
by exactly 1/9 (the regulation's "1/jumlah unsur"; printed as 0.111 in its worked example,
which would move a unit across a grade boundary, so nothing here rounds before the end). The
converted value is IKM × 25, shown with two decimals; the grade is read from that shown value,
because the regulation's intervals (65.00-76.60, 76.61-88.30, 88.31-100.00) are themselves
written with two decimals and leave no room for a third.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext_lazy as _

ELEMENT_COUNT = 9
SCORE_MIN = 1
SCORE_MAX = 4
# PermenPAN-RB 14/2017, Lampiran: "bobot nilai rata-rata tertimbang = 1/jumlah unsur".
WEIGHT = Fraction(1, ELEMENT_COUNT)
CONVERSION = 25
TWO_PLACES = Decimal("0.01")
FOUR_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class Element:
    code: str
    name: Any
    # The answer labels for scores 1..4 as the regulation's sample questionnaire words them.
    labels: tuple[Any, Any, Any, Any]


_FIT = (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai"))
_EASY = (_("Tidak mudah"), _("Kurang mudah"), _("Mudah"), _("Sangat mudah"))
_FAST = (_("Tidak cepat"), _("Kurang cepat"), _("Cepat"), _("Sangat cepat"))
_FEE = (_("Sangat mahal"), _("Cukup mahal"), _("Murah"), _("Gratis"))
_ABLE = (_("Tidak kompeten"), _("Kurang kompeten"), _("Kompeten"), _("Sangat kompeten"))
_POLITE = (
    _("Tidak sopan dan ramah"),
    _("Kurang sopan dan ramah"),
    _("Sopan dan ramah"),
    _("Sangat sopan dan ramah"),
)
_HANDLED = (
    _("Tidak ada"),
    _("Ada tetapi tidak berfungsi"),
    _("Berfungsi kurang maksimal"),
    _("Dikelola dengan baik"),
)
_QUALITY = (_("Buruk"), _("Cukup"), _("Baik"), _("Sangat baik"))

# PermenPAN-RB 14/2017, Lampiran II: the nine elements in their official order.
ELEMENTS: tuple[Element, ...] = (
    Element("u1", _("Persyaratan"), _FIT),
    Element("u2", _("Sistem, mekanisme dan prosedur"), _EASY),
    Element("u3", _("Waktu penyelesaian"), _FAST),
    Element("u4", _("Biaya/tarif"), _FEE),
    Element("u5", _("Produk spesifikasi jenis pelayanan"), _FIT),
    Element("u6", _("Kompetensi pelaksana"), _ABLE),
    Element("u7", _("Perilaku pelaksana"), _POLITE),
    Element("u8", _("Penanganan pengaduan, saran dan masukan"), _HANDLED),
    Element("u9", _("Sarana dan prasarana"), _QUALITY),
)
ELEMENT_CODES: tuple[str, ...] = tuple(e.code for e in ELEMENTS)


@dataclass(frozen=True)
class Grade:
    letter: str
    name: Any
    # Lower bounds, inclusive: on the 1-4 scale and on the converted (×25) scale.
    ikm_from: Decimal
    converted_from: Decimal


# PermenPAN-RB 14/2017, Lampiran, tabel "Nilai Persepsi, Interval IKM, Interval Konversi IKM,
# Mutu Pelayanan dan Kinerja Unit Pelayanan"; highest first.
GRADES: tuple[Grade, ...] = (
    Grade("A", _("Sangat baik"), Decimal("3.5324"), Decimal("88.31")),
    Grade("B", _("Baik"), Decimal("3.0644"), Decimal("76.61")),
    Grade("C", _("Kurang baik"), Decimal("2.60"), Decimal("65.00")),
    Grade("D", _("Tidak baik"), Decimal("1.00"), Decimal("25.00")),
)
# The upper ends the regulation prints for each interval (same order as GRADES).
GRADE_UPPER: dict[str, tuple[Decimal, Decimal]] = {
    "A": (Decimal("4.00"), Decimal("100.00")),
    "B": (Decimal("3.532"), Decimal("88.30")),
    "C": (Decimal("3.064"), Decimal("76.60")),
    "D": (Decimal("2.5996"), Decimal("64.99")),
}


@dataclass(frozen=True)
class IkmResult:
    respondents: int
    nrr: tuple[Fraction, ...]
    ikm: Fraction

    @property
    def weighted(self) -> tuple[Fraction, ...]:
        """NRR tertimbang per element: the mean times the exact weight."""
        return tuple(n * WEIGHT for n in self.nrr)

    @property
    def converted(self) -> Decimal:
        return to_decimal(self.ikm * CONVERSION, TWO_PLACES)

    @property
    def grade(self) -> Grade:
        return grade_for(self.converted)

    def as_dict(self) -> dict[str, Any]:
        """The shape `balai ikm compute` prints: exact values rounded only for display."""
        return {
            "respondents": self.respondents,
            "nrr": [float(to_decimal(n, FOUR_PLACES)) for n in self.nrr],
            "ikm": float(to_decimal(self.ikm, FOUR_PLACES)),
            "ikm_converted": float(self.converted),
            "grade": self.grade.letter,
        }


def to_decimal(value: Fraction, places: Decimal) -> Decimal:
    """A fraction rounded half up to `places`, rounding exactly once."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        places, rounding=ROUND_HALF_UP
    )


def grade_for(converted: Decimal) -> Grade:
    for grade in GRADES:
        if converted >= grade.converted_from:
            return grade
    return GRADES[-1]


def ikm_from_sums(*, sums: Sequence[int], respondents: int) -> IkmResult:
    """The index from per-element totals, as a database aggregate gives them."""
    if len(sums) != ELEMENT_COUNT:
        raise ValueError(f"expected {ELEMENT_COUNT} element sums, got {len(sums)}")
    if respondents <= 0:
        raise ValueError("an index needs at least one respondent")
    nrr = tuple(Fraction(int(s), respondents) for s in sums)
    return IkmResult(
        respondents=respondents, nrr=nrr, ikm=sum((n * WEIGHT for n in nrr), Fraction(0))
    )


def ikm_compute(*, rows: Iterable[Sequence[int]]) -> IkmResult:
    """The index of respondents' validated score rows (nine integers 1-4 each)."""
    sums = [0] * ELEMENT_COUNT
    count = 0
    for row in rows:
        for i, score in enumerate(row):
            sums[i] += score
        count += 1
    return ikm_from_sums(sums=sums, respondents=count)


# --- Validation of respondent rows ------------------------------------------------------------
@dataclass(frozen=True)
class RowIssue:
    code: str
    message: str
    element: str = ""
    line: int | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "message": str(self.message)}
        if self.element:
            out["element"] = self.element
        if self.line is not None:
            out["line"] = self.line
        return out


def _score(raw: Any) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    text = str(raw).strip() if raw is not None else ""
    if text.isascii() and text.isdigit():
        return int(text)
    return None


def respondent_validate(
    *, scores: Mapping[str, Any], line: int | None = None
) -> tuple[tuple[int, ...] | None, list[RowIssue]]:
    """One respondent's nine scores, checked: (the scores, []) or (None, what is wrong)."""
    issues: list[RowIssue] = []
    extra = sorted(set(scores) - set(ELEMENT_CODES))
    if extra:
        issues.append(
            RowIssue(
                "unknown_element",
                _("Unsur tidak dikenal: %(names)s.") % {"names": ", ".join(extra)},
                line=line,
            )
        )
    values: list[int] = []
    for code in ELEMENT_CODES:
        raw = scores.get(code)
        if raw is None or str(raw).strip() == "":
            issues.append(
                RowIssue(
                    "missing_score", _("Nilai %(u)s belum diisi.") % {"u": code.upper()}, code, line
                )
            )
            continue
        value = _score(raw)
        if value is None:
            issues.append(
                RowIssue(
                    "score_not_integer",
                    _("Nilai %(u)s harus bilangan bulat 1 sampai 4.") % {"u": code.upper()},
                    code,
                    line,
                )
            )
        elif not SCORE_MIN <= value <= SCORE_MAX:
            issues.append(
                RowIssue(
                    "score_out_of_range",
                    _("Nilai %(u)s harus antara 1 dan 4.") % {"u": code.upper()},
                    code,
                    line,
                )
            )
        else:
            values.append(value)
    if issues:
        return None, issues
    return tuple(values), []
