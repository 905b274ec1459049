"""Reading the workflow snapshot a case carries (states, actions, roles, offices).

A case keeps the whole definition it started on (DESIGN.md: "a case keeps the workflow version
it started on"), so it is read from the case row, never from the current catalog. The format is
the workflow app's: states {code, name, office, sla_share, terminal, outcome, waits_on_citizen},
an initial state, actions {code, name, from (one state or a list), to, roles,
comment_required, attachment_required}. Validation of a definition belongs to the workflow
app; this module only reads one that was valid when it was published.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from balai.cases.choices import Office


@dataclass(frozen=True)
class FlowState:
    code: str
    name: str
    office: str
    terminal: bool
    outcome: str | None
    waits_on_citizen: bool


@dataclass(frozen=True)
class FlowAction:
    code: str
    name: str
    sources: tuple[str, ...]
    to: str
    roles: frozenset[str]
    comment_required: bool
    attachment_required: bool


class CaseFlow:
    def __init__(self, definition: dict[str, Any]) -> None:
        self.code: str = definition.get("code", "")
        self.initial: str = definition.get("initial") or definition["initial_state"]
        self.states: dict[str, FlowState] = {
            s["code"]: FlowState(
                code=s["code"],
                name=s.get("name", s["code"]),
                office=s.get("office", Office.NONE),
                terminal=bool(s.get("terminal", False)),
                outcome=s.get("outcome"),
                waits_on_citizen=bool(s.get("waits_on_citizen", False)),
            )
            for s in definition["states"]
        }
        self.actions: list[FlowAction] = [
            FlowAction(
                code=a["code"],
                name=a.get("name", a["code"]),
                sources=tuple([a["from"]] if isinstance(a["from"], str) else a["from"]),
                to=a["to"],
                roles=frozenset(a.get("roles", ())),
                comment_required=bool(a.get("comment_required", False)),
                attachment_required=bool(a.get("attachment_required", False)),
            )
            for a in definition["actions"]
        ]

    def state(self, code: str) -> FlowState:
        return self.states[code]

    def actions_from(self, state: str) -> list[FlowAction]:
        return [a for a in self.actions if state in a.sources]

    def action(self, state: str, code: str) -> FlowAction | None:
        return next((a for a in self.actions_from(state) if a.code == code), None)

    def available_actions(self, state: str, role: str) -> list[FlowAction]:
        return [a for a in self.actions_from(state) if role in a.roles]

    def roles_acting_in(self, state: str) -> frozenset[str]:
        return frozenset().union(*(a.roles for a in self.actions_from(state)))
