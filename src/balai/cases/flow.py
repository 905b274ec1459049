"""Reading the workflow a case carries, through the workflow engine.

A case keeps the whole definition it started on (DESIGN.md: "a case keeps the workflow version
it started on"), so its workflow is built from the case row, never from the current catalog.
"""

from __future__ import annotations

from typing import Any

from balai.workflow.engine import Action, Workflow


def case_workflow(definition: dict[str, Any]) -> Workflow:
    return Workflow.from_dict(definition)


def action_in(workflow: Workflow, state: str, code: str) -> Action | None:
    """The action `code` if the workflow allows it from `state`, else None."""
    return next((a for a in workflow.outgoing(state) if a.code == code), None)


def roles_acting_in(workflow: Workflow, state: str) -> frozenset[str]:
    return frozenset().union(*(a.roles for a in workflow.outgoing(state)))
