"""Reading catalog files and checking them: the schema per file, then the cross-file rules.

Every problem names the file, the path inside it and the rule, so a catalog author can fix a
file without reading code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from balai.catalog.choices import ALL_VILLAGE_OFFICES, VILLAGE_OFFICE_PREFIX, Provider
from balai.catalog.models import Agency, ServicePoint, ServiceVersion
from balai.catalog.schema import schema_problems
from balai.regions.choices import Level
from balai.regions.models import Region
from balai.workflow.engine import Workflow, WorkflowError
from balai.workflow.models import WorkflowDefinition

SKIPPED_DIRS = {"examples", "schema", "search"}
# libyaml's safe loader when PyYAML was built with it: the same documents, parsed ~10x faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)  # noqa: S506
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(file)"
            reason = getattr(exc, "problem", None) or str(exc)
            problems.append(LoadProblem(name, where, "yaml_syntax", f"YAML syntax error: {reason}"))
            continue
        errors = schema_problems(data)
        problems.extend(LoadProblem(name, *error) for error in errors)
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
class CatalogChecker:
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
    return catalog, CatalogChecker(catalog).run()
