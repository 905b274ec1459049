"""Programmes as data: YAML files validated by data/schema/programme.schema.json."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from balai.catalog.schema import json_path

DATA_DIR = Path(__file__).resolve().parent / "data"
PROGRAMME_DIR = DATA_DIR / "programmes"
SCHEMA_FILE = DATA_DIR / "schema" / "programme.schema.json"


class ProgrammeFileError(ValueError):
    """A programme file that breaks the schema; `problems` names each place in the file."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        super().__init__(f"{path.name}: " + "; ".join(problems))
        self.path = path
        self.problems = problems


@cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def programme_definition_check(data: Any, path: Path) -> dict[str, Any]:
    """The definition when it is valid; otherwise ProgrammeFileError naming every problem."""
    problems = [
        f"{json_path(e.absolute_path)}: {e.message}"
        for e in sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    ]
    if not problems:
        start = dt.date.fromisoformat(data["period"]["start"])
        end = dt.date.fromisoformat(data["period"]["end"])
        if end < start:
            problems.append("period: end is before start")
    if problems:
        raise ProgrammeFileError(path, problems)
    return data


def programme_files(paths: list[Path] | None = None) -> list[tuple[Path, dict[str, Any]]]:
    """Every file read and checked before anything is written: one bad file loads nothing."""
    files = paths or sorted(PROGRAMME_DIR.glob("*.yaml"))
    out = []
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out.append((path, programme_definition_check(data, path)))
    return out
