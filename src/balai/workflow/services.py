"""Storing workflow definitions: validated, versioned, audited."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import transaction

from balai.audit.services import audit_record
from balai.workflow.engine import Workflow, WorkflowError
from balai.workflow.models import WorkflowDefinition


def definition_hash(definition: dict[str, Any]) -> str:
    body = json.dumps(definition, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()


def workflow_definition_store(
    *, actor: Any, definition: dict[str, Any]
) -> tuple[WorkflowDefinition, bool]:
    """The stored version for `definition`: the latest one when unchanged, else a new one.

    Returns (row, created). Refuses a definition the engine finds invalid.
    """
    workflow = Workflow.from_dict(definition)
    problems = workflow.validate()
    if problems:
        raise WorkflowError("; ".join(str(p) for p in problems))
    digest = definition_hash(definition)
    with transaction.atomic():
        latest = (
            WorkflowDefinition.objects.select_for_update()
            .filter(code=workflow.code)
            .order_by("-version")
            .first()
        )
        if latest is not None and latest.content_hash == digest:
            return latest, False
        row = WorkflowDefinition.objects.create(
            code=workflow.code,
            version=(latest.version + 1) if latest else 1,
            name=workflow.name,
            definition=definition,
            content_hash=digest,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        audit_record(
            actor=actor,
            action="workflow.definition_stored",
            obj=row,
            after={"code": row.code, "version": row.version, "hash": digest},
        )
    return row, True
