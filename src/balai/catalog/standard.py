"""A service standard as a mapping (the catalog file's shape) and as a `ServiceVersion` row.

One shape for the loader and the admin: both produce a mapping, `standard_normalize` fills the
defaults so equal content hashes equally, and `standard_hash` decides whether a new version is
needed at all.
"""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any

from balai.catalog.choices import ALL_VILLAGE_OFFICES

# Keys that belong to the service's identity or placement, not to a version's content.
IDENTITY_KEYS = ("code",)


def standard_normalize(data: dict[str, Any]) -> dict[str, Any]:
    """A copy with every optional key present, so two spellings of one standard compare equal."""
    out = copy.deepcopy(data)
    out.setdefault("agency", None)
    for key in ("synonyms", "segments", "requirements", "service_points"):
        out.setdefault(key, [])
    for key in ("description", "maklumat"):
        out.setdefault(key, "")
    out.setdefault("form", {"fields": []})
    out["sla"] = {"example": False, **out["sla"]}
    out["fee"] = {"legal_basis": "", "example": False, **out["fee"]}
    out["requirements"] = [
        {"upload": False, "satisfied_by": None, **r} for r in out["requirements"]
    ]
    out["form"]["fields"] = [{"required": False, **f} for f in out["form"].get("fields", [])]
    return out


def standard_hash(data: dict[str, Any], *, workflow_version: int) -> str:
    # The workflow version is part of the content: a changed workflow makes a new version.
    content = {**standard_normalize(data), "workflow_version": workflow_version}
    body = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()


def standard_to_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Column values of a ServiceVersion (without agency, workflow and service points)."""
    d = standard_normalize(data)
    return {
        "name": d["name"],
        "provider": d["provider"],
        "intended_status": d["status"],
        "category": d["category"],
        "description": d["description"],
        "life_events": d["life_events"],
        "synonyms": d["synonyms"],
        "segments": d["segments"],
        "requirements": d["requirements"],
        "procedure": d["procedure"],
        "sla_value": d["sla"]["value"],
        "sla_unit": d["sla"]["unit"],
        "sla_example": d["sla"]["example"],
        "fee_amount": d["fee"]["amount"],
        "fee_legal_basis": d["fee"]["legal_basis"],
        "fee_example": d["fee"]["example"],
        "product_name": d["product"]["name"],
        "product_document_type": d["product"]["document_type"],
        "complaints": d["complaints"],
        "maklumat": d["maklumat"],
        "management": d["management"],
        "form": d["form"]["fields"],
        "channels": d["channels"],
        "all_village_offices": ALL_VILLAGE_OFFICES in d["service_points"],
    }


def standard_from_version(version: Any, *, code: str) -> dict[str, Any]:
    """The mapping a version was made from (normalized)."""
    points = sorted(version.service_points.values_list("code", flat=True))
    if version.all_village_offices:
        points = [ALL_VILLAGE_OFFICES, *points]
    return standard_normalize(
        {
            "code": code,
            "name": version.name,
            "provider": version.provider,
            "agency": version.agency.code if version.agency_id else None,
            "category": version.category,
            "life_events": version.life_events,
            "description": version.description,
            "synonyms": version.synonyms,
            "segments": version.segments,
            "requirements": version.requirements,
            "procedure": version.procedure,
            "sla": {
                "value": version.sla_value,
                "unit": version.sla_unit,
                "example": version.sla_example,
            },
            "fee": {
                "amount": version.fee_amount,
                "legal_basis": version.fee_legal_basis,
                "example": version.fee_example,
            },
            "product": {
                "name": version.product_name,
                "document_type": version.product_document_type,
            },
            "complaints": version.complaints,
            "maklumat": version.maklumat,
            "management": version.management,
            "form": {"fields": version.form},
            "channels": version.channels,
            "service_points": points,
            "workflow": version.workflow.code,
            "status": version.intended_status,
        }
    )
