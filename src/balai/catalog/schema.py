"""The catalog file schema (data/schema/catalog.schema.json) and readable messages for it."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

SCHEMA_FILE = Path(__file__).resolve().parent / "data" / "schema" / "catalog.schema.json"
MESSAGE_LIMIT = 200


@cache
def schema_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def json_path(parts: Any) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def schema_message(error: jsonschema.ValidationError) -> str:
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


def schema_problems(data: Any) -> list[tuple[str, str, str]]:
    """(path, rule, message) for every way `data` breaks the schema, in document order."""
    errors = sorted(schema_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    return [
        (json_path(e.absolute_path), f"schema:{e.validator}", schema_message(e)) for e in errors
    ]
