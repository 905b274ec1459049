"""Reading workflow definitions. Definitions are public configuration, not personal data."""

from __future__ import annotations

from balai.workflow.models import WorkflowDefinition


def workflow_definition_latest(*, code: str) -> WorkflowDefinition | None:
    return WorkflowDefinition.objects.filter(code=code).order_by("-version").first()


def workflow_definition_list() -> list[WorkflowDefinition]:
    """The latest version of every workflow, by code."""
    latest: dict[str, WorkflowDefinition] = {}
    for row in WorkflowDefinition.objects.order_by("code", "-version"):
        latest.setdefault(row.code, row)
    return list(latest.values())
