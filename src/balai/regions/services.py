"""Loading the Kepmendagri region table."""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from balai.audit.services import audit_record
from balai.regions.choices import SOURCE_LEVELS
from balai.regions.models import Region, name_key

DATA_FILE = Path(__file__).resolve().parent / "data" / "wilayah_indonesia.csv.gz"
BATCH = 5000


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def read_rows(path: Path = DATA_FILE) -> Iterator[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as raw:
        yield from csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))


def _parent_code(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def _wanted(code: str, prefixes: tuple[str, ...]) -> bool:
    if not prefixes:
        return True
    # A subtree comes with its ancestors, so every loaded region has its parent.
    return any(code == p or code.startswith(p + ".") or p.startswith(code + ".") for p in prefixes)


def load_regions(*, actor=None, path: Path = DATA_FILE, prefixes: Iterable[str] = ()) -> LoadResult:
    """Create or update regions from the table; running it twice changes nothing."""
    prefixes = tuple(prefixes)
    rows = [r for r in read_rows(path) if _wanted(r["code"], prefixes)]
    # Parents first, so every foreign key points at a row that is already there.
    rows.sort(key=lambda r: (r["code"].count("."), r["code"]))
    existing = {
        r.code: r for r in Region.objects.only("code", "name", "level", "parent_id").iterator()
    }
    to_create: list[Region] = []
    to_update: list[Region] = []
    unchanged = 0
    for row in rows:
        code, name, level = row["code"], row["name"].strip(), SOURCE_LEVELS[row["level"]]
        parent = _parent_code(code)
        current = existing.get(code)
        if current is None:
            to_create.append(
                Region(code=code, name=name, name_key=name_key(name), level=level, parent_id=parent)
            )
        elif (current.name, current.level, current.parent_id) != (name, level, parent):
            current.name, current.level, current.parent_id = name, level, parent
            current.name_key = name_key(name)
            to_update.append(current)
        else:
            unchanged += 1
    with transaction.atomic():
        Region.objects.bulk_create(to_create, batch_size=BATCH)
        Region.objects.bulk_update(
            to_update, ["name", "name_key", "level", "parent_id"], batch_size=BATCH
        )
        result = LoadResult(len(to_create), len(to_update), unchanged)
        if to_create or to_update:
            audit_record(
                actor=actor,
                action="regions.load",
                object_type="regions.region",
                after={"created": result.created, "updated": result.updated},
            )
    return result
