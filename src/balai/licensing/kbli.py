"""Loading and searching KBLI codes. Codes are data from a file; Balai never invents one."""

from __future__ import annotations

import csv
import gzip
import io
import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import Q, QuerySet

from balai.licensing.choices import KBLI_EDITION, RiskLevel
from balai.licensing.models import KbliCode, KbliRisk

DATA_DIR = Path(__file__).resolve().parent / "data"
FULL_FILE = DATA_DIR / "kbli2020.csv.gz"
SAMPLE_FILE = DATA_DIR / "kbli2020-sample.csv"
RISK_EXAMPLE_FILE = DATA_DIR / "risk-example.csv"
CODE = re.compile(r"\d{5}")


class KbliFileError(ValueError):
    pass


@dataclass(frozen=True)
class LoadResult:
    file: str
    rows: int
    created: int
    updated: int


def default_file() -> Path:
    """The full table when it has been supplied, otherwise the shipped sample of real codes."""
    return FULL_FILE if FULL_FILE.exists() else SAMPLE_FILE


def _rows(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))
    missing = [name for name in required if name not in (reader.fieldnames or [])]
    if missing:
        raise KbliFileError(f"{path.name}: missing column(s) {', '.join(missing)}")
    rows = []
    for line, row in enumerate(reader, start=2):
        code = (row.get("kode") or "").strip()
        if not CODE.fullmatch(code):
            raise KbliFileError(f"{path.name} line {line}: code {code!r} is not five digits")
        rows.append({k: (v or "").strip() for k, v in row.items() if k})
    return rows


def kbli_load(*, path: Path | None = None, edition: str = KBLI_EDITION) -> LoadResult:
    """Insert new codes and update changed titles; codes are never deleted (registrations and
    documents refer to them)."""
    path = path or default_file()
    rows = _rows(path, ("kode", "judul"))
    existing = {c.code: c for c in KbliCode.objects.filter(edition=edition)}
    new, changed = [], []
    for row in rows:
        title = row["judul"]
        found = existing.get(row["kode"])
        if found is None:
            new.append(
                KbliCode(edition=edition, code=row["kode"], title=title, search_text=title.lower())
            )
        elif found.title != title:
            found.title, found.search_text = title, title.lower()
            changed.append(found)
    with transaction.atomic():
        KbliCode.objects.bulk_create(new, batch_size=500)
        KbliCode.objects.bulk_update(changed, ["title", "search_text"], batch_size=500)
    return LoadResult(file=str(path), rows=len(rows), created=len(new), updated=len(changed))


def kbli_risk_load(
    *, path: Path, edition: str = KBLI_EDITION, is_example: bool = False
) -> LoadResult:
    rows = _rows(path, ("kode", "risiko"))
    levels = set(RiskLevel.values)
    for row in rows:
        if row["risiko"] not in levels:
            raise KbliFileError(f"{path.name}: unknown risk level {row['risiko']!r}")
    created = updated = 0
    with transaction.atomic():
        for row in rows:
            _risk, made = KbliRisk.objects.update_or_create(
                edition=edition,
                code=row["kode"],
                defaults={
                    "risk_level": row["risiko"],
                    "is_example": is_example,
                    "source": path.name,
                },
            )
            created += made
            updated += not made
    return LoadResult(file=str(path), rows=len(rows), created=created, updated=updated)


def kbli_search(query: str, *, edition: str = KBLI_EDITION, limit: int = 20) -> QuerySet[KbliCode]:
    """By code prefix ("5610") or by every word of the title ("warung makan")."""
    query = query.strip()
    codes = KbliCode.objects.filter(edition=edition)
    if not query:
        return codes.none()
    if query.isdigit():
        return codes.filter(code__startswith=query)[:limit]
    condition = Q()
    for word in query.lower().split():
        condition &= Q(search_text__contains=word)
    return codes.filter(condition)[:limit]


def kbli_known(codes: list[str], *, edition: str = KBLI_EDITION) -> set[str]:
    return set(
        KbliCode.objects.filter(edition=edition, code__in=codes).values_list("code", flat=True)
    )


def kbli_risk_of(codes: list[str], *, edition: str = KBLI_EDITION) -> dict[str, str]:
    return dict(
        KbliRisk.objects.filter(edition=edition, code__in=codes).values_list("code", "risk_level")
    )
