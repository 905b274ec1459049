"""Loading the catalog from YAML files: schema, then cross-file rules, then one transaction.

A catalog directory is validated whole before anything is written; a single broken rule in any
file refuses the load and each problem names the file, the path inside it and the rule.
Loading is idempotent: unchanged content writes no new version.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from django.db import transaction

from balai.audit.services import audit_record
from balai.catalog.choices import ALL_VILLAGE_OFFICES, VILLAGE_OFFICE_PREFIX, Provider
from balai.catalog.models import Agency, ServicePoint, ServiceVersion
from balai.catalog.services import service_apply_standard
from balai.regions.choices import Level
from balai.regions.models import Region
from balai.workflow.engine import Workflow, WorkflowError
from balai.workflow.models import WorkflowDefinition
from balai.workflow.services import workflow_definition_store

DATA_DIR = Path(__file__).resolve().parent / "data"
SCHEMA_FILE = DATA_DIR / "schema" / "catalog.schema.json"
SKIPPED_DIRS = {"examples", "schema"}
MESSAGE_LIMIT = 200
# The file layout keeps each file to one subject (two for service points + village offices).
MAX_KEYS = 2


@dataclass(frozen=True)
class LoadProblem:
    file: str
    path: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path}: {self.message} [{self.rule}]"


class CatalogInvalid(Exception):
    def __init__(self, problems: list[LoadProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Item:
    """One entry of a catalog file, with where it came from."""

    file: str
    path: str
    data: dict[str, Any]


@dataclass
class Catalog:
    workflows: list[Item] = field(default_factory=list)
    agencies: list[Item] = field(default_factory=list)
    service_points: list[Item] = field(default_factory=list)
    village_offices: list[Item] = field(default_factory=list)
    services: list[Item] = field(default_factory=list)


@cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def json_path(parts: Any) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _schema_message(error: jsonschema.ValidationError) -> str:
    if error.validator == "not" and error.absolute_path and "provider" in error.instance:
        return "'agency' is only allowed with provider: agency"
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = error.schema.get("properties", {})
        patterns = error.schema.get("patternProperties", {})
        extra = [
            repr(k)
            for k in error.instance
            if k not in allowed and not any(re.search(p, k) for p in patterns)
        ]
        return f"unknown key {', '.join(extra)}; allowed: {', '.join(allowed)}"
    message = error.message
    return message if len(message) <= MESSAGE_LIMIT else message[: MESSAGE_LIMIT - 1] + "…"


def catalog_files(directory: Path) -> list[Path]:
    return sorted(
        p
        for p in directory.rglob("*.yaml")
        if not SKIPPED_DIRS.intersection(p.relative_to(directory).parts[:-1])
    )


def catalog_read(directory: Path) -> tuple[Catalog, list[LoadProblem]]:
    """Parse and schema-check every file; gather the entries of the valid ones."""
    catalog, problems = Catalog(), []
    for path in catalog_files(directory):
        name = path.relative_to(directory).as_posix()
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(file)"
            reason = getattr(exc, "problem", None) or str(exc)
            problems.append(LoadProblem(name, where, "yaml_syntax", f"YAML syntax error: {reason}"))
            continue
        errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
        for error in errors:
            problems.append(
                LoadProblem(
                    name,
                    json_path(error.absolute_path),
                    f"schema:{error.validator}",
                    _schema_message(error),
                )
            )
        if errors:
            continue
        keys = [k for k in data if not k.startswith("x-")]
        if len(keys) > MAX_KEYS:
            problems.append(
                LoadProblem(
                    name,
                    "(top level)",
                    "too_many_keys",
                    f"a catalog file holds at most {MAX_KEYS} keys, found {keys}",
                )
            )
            continue
        for key in ("workflows", "agencies", "service_points", "services"):
            for i, entry in enumerate(data.get(key, [])):
                getattr(catalog, key).append(Item(name, f"{key}[{i}]", entry))
        if "village_offices" in data:
            catalog.village_offices.append(Item(name, "village_offices", data["village_offices"]))
    return catalog, problems


# --- Cross-file rules ------------------------------------------------------------------------
class _Checker:
    def __init__(self, catalog: Catalog) -> None:
        self.c = catalog
        self.problems: list[LoadProblem] = []

    def add(self, item: Item, sub: str, rule: str, message: str) -> None:
        path = f"{item.path}.{sub}" if sub else item.path
        self.problems.append(LoadProblem(item.file, path, rule, message))

    def unique(self, items: list[Item], kind: str) -> None:
        seen: dict[str, Item] = {}
        for item in items:
            code = item.data["code"]
            if code in seen:
                first = seen[code]
                self.add(
                    item,
                    "code",
                    "duplicate_code",
                    f"{kind} code {code!r} is already defined in {first.file}: {first.path}",
                )
            else:
                seen[code] = item

    def known(self, items: list[Item], model: type, **filters: Any) -> set[str]:
        in_db = set(model.objects.filter(**filters).values_list("code", flat=True))
        return in_db | {i.data["code"] for i in items}

    def run(self) -> list[LoadProblem]:
        c = self.c
        self.unique(c.workflows, "workflow")
        self.unique(c.agencies, "agency")
        self.unique(c.service_points, "service point")
        self.unique(c.services, "service")
        for extra in c.village_offices[1:]:
            self.add(
                extra,
                "",
                "duplicate_code",
                f"village_offices is already given in {c.village_offices[0].file}",
            )
        self.check_workflows()
        self.check_regions()
        agencies = self.known(c.agencies, Agency)
        for item in c.service_points:
            for j, code in enumerate(item.data.get("agencies", [])):
                if code not in agencies:
                    self.add(
                        item, f"agencies[{j}]", "unknown_agency", f"agency {code!r} is not defined"
                    )
        self.check_services(agencies)
        return self.problems

    def check_workflows(self) -> None:
        for item in self.c.workflows:
            try:
                problems = Workflow.from_dict(item.data).validate()
            except WorkflowError as exc:
                self.add(item, "", "workflow_malformed", str(exc))
                continue
            for p in problems:
                self.add(item, p.path, p.rule, p.message)

    def check_regions(self) -> None:
        wanted = [(i, "region", i.data["region"]) for i in self.c.agencies + self.c.service_points]
        wanted += [(i, "regency", i.data["regency"]) for i in self.c.village_offices]
        levels = dict(
            Region.objects.filter(code__in={code for _, _, code in wanted}).values_list(
                "code", "level"
            )
        )
        for item, sub, code in wanted:
            if code not in levels:
                self.add(item, sub, "unknown_region", f"region {code!r} does not exist")
            elif sub == "regency" and levels[code] != Level.REGENCY:
                self.add(item, sub, "unknown_region", f"{code!r} is not a regency")

    def village_regency(self) -> str | None:
        if self.c.village_offices:
            return self.c.village_offices[0].data["regency"]
        point = ServicePoint.objects.filter(kind="village_office").order_by("code").first()
        return point.region.regency_code if point else None

    def check_services(self, agencies: set[str]) -> None:
        c = self.c
        workflows = {i.data["code"]: i.data for i in c.workflows}
        workflows_in_db = set(WorkflowDefinition.objects.values_list("code", flat=True))
        points = self.known(c.service_points, ServicePoint)
        document_types = {i.data["product"]["document_type"] for i in c.services} | set(
            ServiceVersion.objects.values_list("product_document_type", flat=True)
        )
        regency = self.village_regency()
        for item in c.services:
            s = item.data
            if s["provider"] == Provider.AGENCY and s["agency"] not in agencies:
                self.add(item, "agency", "unknown_agency", f"agency {s['agency']!r} is not defined")
            if s["provider"] != Provider.AGENCY and regency is None:
                self.add(
                    item,
                    "provider",
                    "no_village_offices",
                    "a village or district service needs village_offices: {regency: ...}",
                )
            if s["workflow"] not in workflows and s["workflow"] not in workflows_in_db:
                self.add(
                    item,
                    "workflow",
                    "unknown_workflow",
                    f"workflow {s['workflow']!r} is not defined",
                )
            elif s["provider"] != Provider.AGENCY and s["workflow"] in workflows:
                offices = {st.get("office") for st in workflows[s["workflow"]]["states"]}
                if "agency" in offices:
                    self.add(
                        item,
                        "workflow",
                        "workflow_office",
                        f"workflow {s['workflow']!r} routes to an agency, but the "
                        f"service is provided by the applicant's {s['provider']}",
                    )
            for j, code in enumerate(s.get("service_points", [])):
                if code == ALL_VILLAGE_OFFICES:
                    if regency is None:
                        self.add(
                            item,
                            f"service_points[{j}]",
                            "no_village_offices",
                            "all_village_offices needs village_offices: {regency: ...}",
                        )
                elif code not in points and not code.startswith(VILLAGE_OFFICE_PREFIX):
                    self.add(
                        item,
                        f"service_points[{j}]",
                        "unknown_service_point",
                        f"service point {code!r} is not defined",
                    )
            self.check_requirements(item, document_types)
            self.check_form(item)

    def check_requirements(self, item: Item, document_types: set[str]) -> None:
        seen: set[str] = set()
        for j, req in enumerate(item.data["requirements"]):
            if req["code"] in seen:
                self.add(
                    item,
                    f"requirements[{j}].code",
                    "duplicate_code",
                    f"requirement code {req['code']!r} is used twice in this service",
                )
            seen.add(req["code"])
            if req.get("satisfied_by") == "issued_document" and (
                req["document_type"] not in document_types
            ):
                self.add(
                    item,
                    f"requirements[{j}].document_type",
                    "unknown_document_type",
                    f"no service in the catalog issues document type {req['document_type']!r}",
                )

    def check_form(self, item: Item) -> None:
        seen: set[str] = set()
        for j, f in enumerate(item.data.get("form", {}).get("fields", [])):
            where = f"form.fields[{j}]"
            if f["name"] in seen:
                self.add(
                    item,
                    f"{where}.name",
                    "duplicate_code",
                    f"form field {f['name']!r} is used twice in this form",
                )
            seen.add(f["name"])
            if "min" in f and "max" in f and f["min"] > f["max"]:
                self.add(item, f"{where}.min", "min_max", "min is greater than max")
            if "pattern" in f:
                try:
                    re.compile(f["pattern"])
                except re.error as exc:
                    self.add(
                        item,
                        f"{where}.pattern",
                        "bad_pattern",
                        f"not a valid regular expression: {exc}",
                    )


def catalog_check(directory: Path) -> tuple[Catalog, list[LoadProblem]]:
    catalog, problems = catalog_read(directory)
    if problems:
        # Cross-file rules on a partly unreadable catalog would only add noise.
        return catalog, problems
    return catalog, _Checker(catalog).run()


# --- Writing ---------------------------------------------------------------------------------
@dataclass
class LoadResult:
    counts: dict[str, int] = field(default_factory=dict)

    def bump(self, key: str, by: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + by

    @property
    def changed(self) -> bool:
        return any(v for k, v in self.counts.items() if not k.endswith("_total"))


def _sync(model: type, code: str, values: dict[str, Any]) -> tuple[Any, str | None]:
    """Create or update one row by code; returns (row, "created" | "updated" | None)."""
    row = model.objects.filter(code=code).first()
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
    for data in entries:
        point, outcome = _sync(ServicePoint, data["code"], _point_values(data))
        wanted = {agencies[c] for c in data.get("agencies", [])}
        if set(point.agencies.values_list("pk", flat=True)) != wanted:
            point.agencies.set(wanted)
            outcome = outcome or "updated"
        if outcome:
            result.bump(f"service_points_{outcome}")
    result.counts["service_points_total"] = len(entries)


def _write_services(catalog: Catalog, actor: Any, result: LoadResult) -> None:
    workflows = {w.code: w for w in WorkflowDefinition.objects.order_by("code", "version")}
    agencies = {a.code: a for a in Agency.objects.all()}
    points = {p.code: p for p in ServicePoint.objects.all()}
    regency = _Checker(catalog).village_regency()
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
        for item in catalog.agencies:
            _, outcome = _sync(Agency, item.data["code"], _agency_values(item.data))
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
            region_code=_Checker(catalog).village_regency(),
            after=result.counts,
        )
    return result
