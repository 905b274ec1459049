"""The schema is valid JSON Schema 2020-12 and the documented example obeys it."""

from __future__ import annotations

import json

import jsonschema
import yaml

from balai.catalog.loading import DATA_DIR
from balai.catalog.schema import SCHEMA_FILE, schema_problems


def test_schema_is_valid_draft_2020_12():
    schema = json.loads(SCHEMA_FILE.read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_documented_example_obeys_the_schema():
    example = yaml.safe_load((DATA_DIR / "examples" / "example.yaml").read_text())
    assert schema_problems(example) == []
    broken = {**example, "services": [{**example["services"][0], "provider": "village"}]}
    assert (
        "services[0]",
        "schema:not",
        "'agency' is only allowed with provider: agency",
    ) in schema_problems(broken)


def test_anchor_keys_are_ignored_but_a_catalog_key_is_needed():
    assert schema_problems({"x-anchors": {"a": 1}, "agencies": []}) == []
    assert [p[1] for p in schema_problems({"x-anchors": {}})] == ["schema:anyOf"]
