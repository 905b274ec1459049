"""Loading the catalog from YAML files: schema, then cross-file rules, then one transaction.

A catalog directory is validated whole before anything is written; a single broken rule in any
file refuses the load and each problem names the file, the path inside it and the rule.
Loading is idempotent: unchanged content writes no new version.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from balai.audit.services import audit_record
from balai.catalog.choices import ALL_VILLAGE_OFFICES, VILLAGE_OFFICE_PREFIX
from balai.catalog.models import Agency, ServicePoint
from balai.catalog.services import service_apply_standard
from balai.catalog.validation import Catalog, CatalogChecker, CatalogInvalid, Item, catalog_check
from balai.regions.choices import Level
from balai.regions.models import Region
from balai.workflow.models import WorkflowDefinition
from balai.workflow.services import workflow_definition_store

__all__ = ["DATA_DIR", "CatalogInvalid", "LoadResult", "catalog_load"]

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass
class LoadResult:
    counts: dict[str, int] = field(default_factory=dict)

    def bump(self, key: str, by: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + by

    @property
    def changed(self) -> bool:
        return any(v for k, v in self.counts.items() if not k.endswith("_total"))


def _sync(
    model: type, code: str, values: dict[str, Any], existing: dict[str, Any] | None = None
) -> tuple[Any, str | None]:
    """Create or update one row by code; returns (row, "created" | "updated" | None).

    `existing` (rows by code, read once) saves a query per row on a large catalog.
    """
    row = model.objects.filter(code=code).first() if existing is None else existing.get(code)
    if row is None:
        return model.objects.create(code=code, **values), "created"
    dirty = [k for k, v in values.items() if getattr(row, k) != v]
    if not dirty:
        return row, None
    for key in dirty:
        setattr(row, key, values[key])
    row.save(update_fields=dirty)
    return row, "updated"


def _agency_values(data: dict[str, Any]) -> dict[str, Any]:
    contacts = data.get("contacts", {})
    return {
        "kind": data["kind"],
        "name": data["name"],
        "short_name": data["short_name"],
        "region_id": data["region"],
        "address": contacts.get("address", ""),
        "phone": contacts.get("phone", ""),
        "email": contacts.get("email", ""),
        "website": contacts.get("website", ""),
        "is_mpp_tenant": data.get("mpp", False),
    }


def _point_values(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": data["kind"],
        "name": data["name"],
        "region_id": data["region"],
        "address": data.get("address", ""),
        "opening_hours": data.get("opening_hours", ""),
        "timezone": data.get("timezone", "Asia/Jakarta"),
    }


def _village_office_items(config: Item) -> Iterator[dict[str, Any]]:
    villages = Region.objects.filter(
        level=Level.VILLAGE, code__startswith=config.data["regency"] + "."
    ).order_by("code")
    for village in villages:
        kind = "Kantor Kelurahan" if village.code.rsplit(".", 1)[1][0] == "1" else "Kantor Desa"
        yield {
            "code": f"{VILLAGE_OFFICE_PREFIX}{village.code}",
            "kind": "village_office",
            "name": f"{kind} {village.name}",
            "region": village.code,
            "opening_hours": config.data.get("opening_hours", ""),
            "timezone": config.data.get("timezone", "Asia/Jakarta"),
        }


def _write_points(catalog: Catalog, result: LoadResult) -> None:
    entries = [i.data for i in catalog.service_points]
    for config in catalog.village_offices:
        entries.extend(_village_office_items(config))
    agencies = dict(Agency.objects.values_list("code", "pk"))
    existing = {p.code: p for p in ServicePoint.objects.prefetch_related("agencies")}
    for data in entries:
        point, outcome = _sync(ServicePoint, data["code"], _point_values(data), existing)
        wanted = {agencies[c] for c in data.get("agencies", [])}
        if outcome == "created" or {a.pk for a in point.agencies.all()} != wanted:
            point.agencies.set(wanted)
            outcome = outcome or "updated"
        if outcome:
            result.bump(f"service_points_{outcome}")
    result.counts["service_points_total"] = len(entries)


def _write_services(catalog: Catalog, actor: Any, result: LoadResult) -> None:
    workflows = {w.code: w for w in WorkflowDefinition.objects.order_by("code", "version")}
    agencies = {a.code: a for a in Agency.objects.all()}
    points = {p.code: p for p in ServicePoint.objects.all()}
    regency = CatalogChecker(catalog).village_regency()
    for item in catalog.services:
        s = item.data
        agency = agencies.get(s.get("agency") or "")
        wanted = [points[c] for c in s.get("service_points", []) if c != ALL_VILLAGE_OFFICES]
        _, changed = service_apply_standard(
            actor=actor,
            standard=s,
            agency=agency,
            region_code=agency.region_id if agency else regency,
            workflow=workflows[s["workflow"]],
            points=wanted,
        )
        if changed:
            result.bump("services_changed")
    result.counts["services_total"] = len(catalog.services)


def catalog_load(*, actor: Any, directory: Path = DATA_DIR, check_only: bool = False) -> LoadResult:
    """Validate every file under `directory`, then write it all in one transaction.

    Raises CatalogInvalid listing every problem, having written nothing.
    """
    catalog, problems = catalog_check(directory)
    if problems:
        raise CatalogInvalid(problems)
    result = LoadResult()
    if check_only:
        return result
    with transaction.atomic():
        for item in catalog.workflows:
            _, created = workflow_definition_store(actor=actor, definition=item.data)
            if created:
                result.bump("workflows_changed")
        agencies = {a.code: a for a in Agency.objects.all()}
        for item in catalog.agencies:
            _, outcome = _sync(Agency, item.data["code"], _agency_values(item.data), agencies)
            if outcome:
                result.bump(f"agencies_{outcome}")
        _write_points(catalog, result)
        _write_services(catalog, actor, result)
        result.counts["workflows_total"] = len(catalog.workflows)
        result.counts["agencies_total"] = len(catalog.agencies)
        audit_record(
            actor=actor,
            action="catalog.loaded",
            object_type="catalog.catalog",
            object_id=str(directory.name),
            region_code=CatalogChecker(catalog).village_regency(),
            after=result.counts,
        )
    return result
