"""The workflow engine: a definition (states, actions, roles, SLA shares) and its rules.

Pure: no database, no clock. A definition comes from a mapping (the catalog's workflows.yaml
or a stored `WorkflowDefinition`), `validate()` lists every rule it breaks, and the case code
asks `available_actions` / `next_state` to move a case.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from balai.workflow.choices import CITIZEN, Office, Outcome

SLA_TOLERANCE = 0.001


class WorkflowError(ValueError):
    """A definition that cannot be built or a transition the definition does not allow."""


@dataclass(frozen=True)
class Problem:
    """One broken rule: where (a path inside the definition), which rule, and why."""

    path: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message} [{self.rule}]"


@dataclass(frozen=True)
class State:
    code: str
    name: str
    office: str = Office.NONE.value
    sla_share: float = 0.0
    terminal: bool = False
    outcome: str | None = None
    waits_on_citizen: bool = False
    # The agency code that holds a `review_agency` state.
    agency: str | None = None


@dataclass(frozen=True)
class Action:
    code: str
    name: str
    sources: tuple[str, ...]
    to: str
    roles: frozenset[str]
    comment_required: bool = False
    attachment_required: bool = False
    # The case's bill must be paid or waived first (a service with no fee has no bill).
    payment_required: bool = False


def known_roles() -> frozenset[str]:
    from balai.accounts.roles import Role

    return frozenset(Role.values) | {CITIZEN}


@dataclass(frozen=True)
class Workflow:
    code: str
    name: str
    initial: str
    states: tuple[State, ...]
    actions: tuple[Action, ...]
    _by_code: dict[str, State] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {s.code: s for s in self.states})

    # --- building -------------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Workflow:
        try:
            states = tuple(
                State(
                    code=s["code"],
                    name=s.get("name", s["code"]),
                    office=s.get("office", Office.NONE.value),
                    sla_share=float(s.get("sla_share", 0) or 0),
                    terminal=bool(s.get("terminal", False)),
                    outcome=s.get("outcome"),
                    waits_on_citizen=bool(s.get("waits_on_citizen", False)),
                    agency=s.get("agency"),
                )
                for s in data["states"]
            )
            actions = tuple(
                Action(
                    code=a["code"],
                    name=a.get("name", a["code"]),
                    sources=(a["from"],) if isinstance(a["from"], str) else tuple(a["from"]),
                    to=a["to"],
                    roles=frozenset(a["roles"]),
                    comment_required=bool(a.get("comment_required", False)),
                    attachment_required=bool(a.get("attachment_required", False)),
                    payment_required=bool(a.get("payment_required", False)),
                )
                for a in data["actions"]
            )
            return cls(
                code=data["code"],
                name=data.get("name", data["code"]),
                initial=data["initial"],
                states=states,
                actions=actions,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise WorkflowError(f"malformed workflow definition: {exc!r}") from exc

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "initial": self.initial,
            "states": [
                {
                    "code": s.code,
                    "name": s.name,
                    "office": s.office,
                    "sla_share": s.sla_share,
                    "terminal": s.terminal,
                    **({"outcome": s.outcome} if s.outcome else {}),
                    "waits_on_citizen": s.waits_on_citizen,
                    # Written only when set, so definitions without it keep their hash.
                    **({"agency": s.agency} if s.agency else {}),
                }
                for s in self.states
            ],
            "actions": [
                {
                    "code": a.code,
                    "name": a.name,
                    "from": list(a.sources),
                    "to": a.to,
                    "roles": sorted(a.roles),
                    "comment_required": a.comment_required,
                    "attachment_required": a.attachment_required,
                    # Written only when set, so definitions without it keep their hash.
                    **({"payment_required": True} if a.payment_required else {}),
                }
                for a in self.actions
            ],
        }

    # --- asking ---------------------------------------------------------------------------
    def state(self, code: str) -> State:
        try:
            return self._by_code[code]
        except KeyError:
            raise WorkflowError(f"workflow {self.code} has no state {code!r}") from None

    def is_terminal(self, state: str) -> bool:
        return self.state(state).terminal

    def outgoing(self, state: str) -> list[Action]:
        return [a for a in self.actions if state in a.sources]

    def available_actions(self, state: str, role: str) -> list[Action]:
        """The actions `role` may take on a case in `state` (none in a terminal state)."""
        self.state(state)
        return [a for a in self.outgoing(state) if role in a.roles]

    def action(self, code: str) -> Action:
        for action in self.actions:
            if action.code == code:
                return action
        raise WorkflowError(f"workflow {self.code} has no action {code!r}")

    def next_state(self, state: str, action: str) -> str:
        """Where `action` takes a case in `state`; refuses an action not allowed there."""
        found = self.action(action)
        if state not in found.sources:
            raise WorkflowError(f"action {action!r} is not allowed in state {state!r}")
        return found.to

    def reachable(self, start: str | None = None) -> set[str]:
        start = self.initial if start is None else start
        seen = {start}
        queue = deque([start])
        while queue:
            for action in self.outgoing(queue.popleft()):
                if action.to not in seen:
                    seen.add(action.to)
                    queue.append(action.to)
        return seen

    # --- checking -------------------------------------------------------------------------
    def validate(self, *, roles: Iterable[str] | None = None) -> list[Problem]:
        """Every rule the definition breaks; an empty list means it may be used."""
        problems = self._check_states() + self._check_actions(
            frozenset(roles) if roles is not None else known_roles()
        )
        if problems:
            # The graph checks below assume the names resolve.
            return problems
        return self._check_graph() + self._check_sla()

    def _check_states(self) -> list[Problem]:
        problems: list[Problem] = []
        seen: set[str] = set()
        for i, s in enumerate(self.states):
            path = f"states[{i}]"
            if s.code in seen:
                problems.append(Problem(path, "duplicate_state", f"state {s.code!r} twice"))
            seen.add(s.code)
            if s.office not in Office.values:
                problems.append(Problem(f"{path}.office", "unknown_office", f"{s.office!r}"))
            if (s.office == Office.REVIEW_AGENCY) != bool(s.agency):
                problems.append(
                    Problem(
                        f"{path}.agency",
                        "review_agency",
                        "a review_agency state names its agency, and only such a state does",
                    )
                )
            if s.terminal and s.outcome not in Outcome.values:
                problems.append(
                    Problem(
                        f"{path}.outcome",
                        "terminal_outcome",
                        "a terminal state needs an outcome: issued, rejected or cancelled",
                    )
                )
            if not s.terminal and s.outcome is not None:
                problems.append(
                    Problem(
                        f"{path}.outcome",
                        "terminal_outcome",
                        "only a terminal state has an outcome",
                    )
                )
            if not 0 <= s.sla_share <= 1:
                problems.append(Problem(f"{path}.sla_share", "sla_share", "must be 0 to 1"))
        if self.initial not in seen:
            problems.append(
                Problem(
                    "initial", "unknown_state", f"initial state {self.initial!r} is not defined"
                )
            )
        elif self._by_code[self.initial].terminal:
            problems.append(
                Problem("initial", "terminal_initial", "the initial state cannot be terminal")
            )
        return problems

    def _check_actions(self, roles: frozenset[str]) -> list[Problem]:
        problems: list[Problem] = []
        seen: set[str] = set()
        for i, a in enumerate(self.actions):
            path = f"actions[{i}]"
            if a.code in seen:
                problems.append(
                    Problem(
                        f"{path}.code", "duplicate_action", f"action code {a.code!r} is used twice"
                    )
                )
            seen.add(a.code)
            for j, source in enumerate(a.sources):
                if source not in self._by_code:
                    problems.append(
                        Problem(
                            f"{path}.from[{j}]", "unknown_state", f"state {source!r} is not defined"
                        )
                    )
                elif self._by_code[source].terminal:
                    problems.append(
                        Problem(
                            f"{path}.from[{j}]",
                            "terminal_has_action",
                            f"terminal state {source!r} cannot have actions",
                        )
                    )
            if a.to not in self._by_code:
                problems.append(
                    Problem(f"{path}.to", "unknown_state", f"state {a.to!r} is not defined")
                )
            for role in sorted(a.roles - roles):
                problems.append(
                    Problem(f"{path}.roles", "unknown_role", f"role {role!r} does not exist")
                )
            if not a.roles:
                problems.append(Problem(f"{path}.roles", "unknown_role", "no role may act"))
        return problems

    def _check_graph(self) -> list[Problem]:
        problems: list[Problem] = []
        reachable = self.reachable()
        terminals = {s.code for s in self.states if s.terminal}
        for i, s in enumerate(self.states):
            path = f"states[{i}]"
            if s.code not in reachable:
                problems.append(
                    Problem(
                        path,
                        "unreachable_state",
                        f"state {s.code!r} cannot be reached from {self.initial!r}",
                    )
                )
            elif not s.terminal and not self.outgoing(s.code):
                problems.append(
                    Problem(path, "dead_end", f"state {s.code!r} is not terminal and has no action")
                )
            elif not s.terminal and not (self.reachable(s.code) & terminals):
                problems.append(
                    Problem(path, "no_way_out", f"no terminal state can be reached from {s.code!r}")
                )
        return problems

    def _check_sla(self) -> list[Problem]:
        total = sum(s.sla_share for s in self.states if not s.terminal)
        if abs(total - 1) > SLA_TOLERANCE:
            return [
                Problem(
                    "states",
                    "sla_shares",
                    f"sla_share of non-terminal states sums to {total:.3f}, not 1",
                )
            ]
        return []
