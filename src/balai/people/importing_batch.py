"""Writing one batch of checked import rows: a handful of queries, whatever the batch size.

Per batch: one query for the families it names, one bulk insert of new families (and one query
for their keys), one for existing heads, one for existing residents, then one bulk insert and one
bulk update. Identical rows are left alone, so a re-run writes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.people.choices import Relationship
from balai.people.models import Family, Resident
from balai.regions.models import name_key, regency_code_of

FAMILY_ATTRS = ("village_id", "dusun", "rt", "rw", "address")
RESIDENT_ATTRS = (
    "name",
    "birth_place",
    "birth_date",
    "sex",
    "religion",
    "marital_status",
    "education",
    "occupation",
    "blood_type",
    "disability",
    "village_id",
    "dusun",
    "rt",
    "rw",
    "address",
    "phone",
    "family_id",
    "relationship",
    "status",
    "status_date",
    "nik_remarks",
)
HEAD = Relationship.HEAD.value
INSERT_BATCH = 1000
UPDATE_BATCH = 250  # bulk_update writes a CASE per field: keep each statement modest


@dataclass
class Batch:
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


@dataclass
class BatchCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    families_created: int = 0
    families_updated: int = 0
    # Rows that were fine on their own but clash with what the database holds.
    refused: list[tuple[int, str, str, str, str]] = field(default_factory=list)

    def __iadd__(self, other: BatchCounts) -> BatchCounts:
        for name in ("created", "updated", "unchanged", "families_created", "families_updated"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.refused += other.refused
        return self


def _regency(values: dict[str, Any]) -> str:
    return regency_code_of(values["village_code"])


def _family_attrs(values: dict[str, Any]) -> dict[str, Any]:
    return {
        "village_id": values["village_code"],
        "dusun": values["dusun"],
        "rt": values["rt"],
        "rw": values["rw"],
        "address": values["address"],
    }


def _families_upsert(rows, counts: BatchCounts) -> dict[tuple[str, str], int]:
    """(regency, kk) -> family pk for every KK the batch names; a family's address comes from
    its head's row (or, for a new family, from its first member's until the head's arrives)."""
    wanted: dict[tuple[str, str], tuple[bool, dict[str, Any]]] = {}
    for _line, values in rows:
        kk = values.get("kk_number")
        if kk:
            key, is_head = (_regency(values), kk), values.get("relationship") == HEAD
            if key not in wanted or is_head:
                wanted[key] = (is_head, _family_attrs(values))
    if not wanted:
        return {}
    by_regency: dict[str, list[str]] = defaultdict(list)
    for regency, kk in wanted:
        by_regency[regency].append(kk)
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for regency, kks in by_regency.items():
        for row in Family.objects.filter(regency_code=regency, kk_number__in=kks).values(
            "pk", "kk_number", *FAMILY_ATTRS
        ):
            found[(regency, row["kk_number"])] = row
    now = timezone.now()
    creates, updates = [], []
    for (regency, kk), (is_head, attrs) in wanted.items():
        current = found.get((regency, kk))
        if current is None:
            creates.append({"regency_code": regency, "kk_number": kk, **attrs})
        elif is_head and any(current[a] != attrs[a] for a in FAMILY_ATTRS):
            updates.append(Family(pk=current["pk"], updated_at=now, **attrs))
    _insert(Family, creates)
    Family.objects.bulk_update(updates, [*FAMILY_ATTRS, "updated_at"], batch_size=UPDATE_BATCH)
    counts.families_created += len(creates)
    counts.families_updated += len(updates)
    pks = {key: row["pk"] for key, row in found.items()}
    if creates:
        for regency in by_regency:
            new = [f["kk_number"] for f in creates if f["regency_code"] == regency]
            for kk, pk in Family.objects.filter(
                regency_code=regency, kk_number__in=new
            ).values_list("kk_number", "pk"):
                pks[(regency, kk)] = pk
    return pks


def _existing_heads(rows, families: dict[tuple[str, str], int]) -> dict[int, str]:
    ids = {
        families[(_regency(v), v["kk_number"])]
        for _line, v in rows
        if v.get("kk_number") and v.get("relationship") == HEAD
    }
    if not ids:
        return {}
    heads = Resident.objects.filter(family_id__in=ids, relationship=HEAD)
    return dict(heads.values_list("family_id", "nik"))


def _existing_residents(rows) -> dict[tuple[str, str], dict[str, Any]]:
    by_regency: dict[str, list[str]] = defaultdict(list)
    for _line, values in rows:
        by_regency[_regency(values)].append(values["nik"])
    found = {}
    for regency, niks in by_regency.items():
        for row in Resident.objects.filter(regency_code=regency, nik__in=niks).values(
            "pk", "nik", *RESIDENT_ATTRS
        ):
            found[(regency, row["nik"])] = row
    return found


def _target(values: dict[str, Any], family_id: int | None) -> dict[str, Any]:
    target = {a: values.get(a, "") for a in RESIDENT_ATTRS}
    target["village_id"] = values["village_code"]
    target["family_id"] = family_id
    target["status_date"] = values.get("status_date")
    return target


def _insert(model: type[Model], rows: list[dict[str, Any]]) -> None:
    """Insert rows given as {attname: value}. On PostgreSQL through COPY, which is several times
    faster than INSERT for a regency-sized load; elsewhere through bulk_create."""
    if not rows:
        return
    now = timezone.now()
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    if connection.vendor != "postgresql":
        model.objects.bulk_create(
            [model(**row, created_at=now, updated_at=now) for row in rows], batch_size=INSERT_BATCH
        )
        return
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    stamps = {"created_at": now, "updated_at": now}
    names = [f.attname for f in fields]
    # The raw psycopg cursor's errors are wrapped so callers see Django's DatabaseError.
    with (
        connection.wrap_database_errors,
        connection.cursor() as cursor,
        cursor.cursor.copy(sql) as copy,
    ):
        for row in rows:
            copy.write_row([row[n] if n in row else stamps[n] for n in names])


def batch_write(batch: Batch) -> BatchCounts:
    """Insert new residents, update changed ones, leave identical ones; call inside atomic()."""
    counts = BatchCounts()
    families = _families_upsert(batch.rows, counts)
    heads = _existing_heads(batch.rows, families)
    existing = _existing_residents(batch.rows)
    now = timezone.now()
    creates, updates = [], []
    for line, values in batch.rows:
        regency, nik, kk = _regency(values), values["nik"], values.get("kk_number")
        family_id = families[(regency, kk)] if kk else None
        if family_id and values.get("relationship") == HEAD:
            head = heads.get(family_id)
            if head is not None and head != nik:
                reason = _("Keluarga ini sudah punya kepala keluarga lain di register.")
                counts.refused.append((line, "hubungan", "", "family_has_head", reason))
                continue
        target = _target(values, family_id)
        current = existing.get((regency, nik))
        if current is None:
            creates.append(
                {
                    "regency_code": regency,
                    "nik": nik,
                    "name_key": name_key(target["name"]),
                    **target,
                }
            )
        elif any(current[a] != target[a] for a in RESIDENT_ATTRS):
            updates.append(
                Resident(
                    pk=current["pk"], name_key=name_key(target["name"]), updated_at=now, **target
                )
            )
        else:
            counts.unchanged += 1
    _insert(Resident, creates)
    Resident.objects.bulk_update(
        updates, [*RESIDENT_ATTRS, "name_key", "updated_at"], batch_size=UPDATE_BATCH
    )
    counts.created, counts.updated = len(creates), len(updates)
    return counts
