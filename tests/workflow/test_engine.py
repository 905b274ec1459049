"""The pure workflow engine: the library's shape, transitions, and validation as properties."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from balai.workflow.engine import Workflow, WorkflowError

LIBRARY = Path(__file__).resolve().parents[2] / "src/balai/catalog/data/workflows.yaml"
ROLES = [
    "operator_desa",
    "kepala_desa",
    "camat",
    "petugas_instansi",
    "kepala_instansi",
    "citizen",
]


def library() -> dict[str, dict]:
    data = yaml.safe_load(LIBRARY.read_text())
    return {w["code"]: w for w in data["workflows"]}


@pytest.mark.parametrize(
    "code",
    [
        "village_letter",
        "village_letter_camat",
        "agency_service",
        "licensing",
        "technical_review_dinkes",
        "technical_review_dishub",
    ],
)
def test_library_workflows_are_valid(code):
    workflow = Workflow.from_dict(library()[code])
    assert workflow.validate() == []
    # Each has return-for-correction waiting on the citizen, and a rejection.
    waiting = [s for s in workflow.states if s.waits_on_citizen]
    assert [s.code for s in waiting] == ["needs_correction"]
    assert workflow.next_state("needs_correction", "resubmit") == workflow.initial
    assert {s.outcome for s in workflow.states if s.terminal} >= {"issued", "rejected"}


def test_village_letter_path_and_roles():
    workflow = Workflow.from_dict(library()["village_letter"])
    assert [a.code for a in workflow.available_actions("submitted", "operator_desa")] == [
        "verify",
        "return_for_correction",
        "reject",
    ]
    assert workflow.available_actions("submitted", "kepala_desa") == [
        workflow.action("return_for_correction"),
        workflow.action("reject"),
    ]
    assert workflow.next_state("submitted", "verify") == "verified"
    assert workflow.next_state("verified", "sign") == "issued"
    assert workflow.is_terminal("issued")
    assert workflow.available_actions("issued", "kepala_desa") == []
    with pytest.raises(WorkflowError):
        workflow.next_state("submitted", "sign")
    with pytest.raises(WorkflowError):
        workflow.available_actions("nowhere", "operator_desa")


def test_camat_route_passes_the_district():
    workflow = Workflow.from_dict(library()["village_letter_camat"])
    state = workflow.initial
    for action in ("verify", "endorse", "approve"):
        state = workflow.next_state(state, action)
        if action == "endorse":
            assert workflow.state(state).office == "applicant_district"
            assert "approve" in {a.code for a in workflow.available_actions(state, "camat")}
    assert workflow.state(state).outcome == "issued"


# Who may take each step of the agency workflows: the officer prepares, only the head of the
# agency signs, and the reviewing agency's officer returns the technical review.
AGENCY_MATRIX = {
    "agency_service": [
        ("submitted", "petugas_instansi", {"accept", "return_for_correction", "reject"}),
        ("in_process", "petugas_instansi", {"complete", "return_for_correction", "reject"}),
        ("in_process", "kepala_instansi", {"reject"}),
        ("awaiting_head", "petugas_instansi", {"reject"}),
        ("awaiting_head", "kepala_instansi", {"sign", "return_to_officer", "reject"}),
    ],
    "licensing": [
        ("reviewed", "petugas_instansi", {"approve", "return_for_correction", "reject"}),
        ("awaiting_head", "petugas_instansi", {"reject"}),
        ("awaiting_head", "kepala_instansi", {"sign", "return_to_officer", "reject"}),
    ],
    "technical_review_dinkes": [
        ("verified", "petugas_instansi", {"send_for_review", "return_for_correction", "reject"}),
        ("in_review", "petugas_instansi", {"review"}),
        ("in_review", "kepala_instansi", {"review"}),
        ("reviewed", "petugas_instansi", {"approve", "return_for_correction", "reject"}),
        ("awaiting_head", "petugas_instansi", {"reject"}),
        ("awaiting_head", "kepala_instansi", {"sign", "return_to_officer", "reject"}),
    ],
}


@pytest.mark.parametrize(
    ("code", "state", "role", "actions"),
    [(code, *row) for code, rows in AGENCY_MATRIX.items() for row in rows],
)
def test_agency_transition_matrix(code, state, role, actions):
    workflow = Workflow.from_dict(library()[code])
    assert {a.code for a in workflow.available_actions(state, role)} == actions


@pytest.mark.parametrize(
    "code", ["agency_service", "licensing", "technical_review_dinkes", "technical_review_dishub"]
)
def test_only_the_head_of_the_agency_reaches_issued(code):
    workflow = Workflow.from_dict(library()[code])
    issuing = [a for a in workflow.actions if workflow.state(a.to).outcome == "issued"]
    assert [a.roles for a in issuing] == [frozenset({"kepala_instansi"})]


@pytest.mark.parametrize(
    ("code", "agency"),
    [("technical_review_dinkes", "dinkes"), ("technical_review_dishub", "dishub")],
)
def test_the_review_state_belongs_to_the_reviewing_agency(code, agency):
    workflow = Workflow.from_dict(library()[code])
    review = workflow.state(workflow.next_state("verified", "send_for_review"))
    assert (review.office, review.agency) == ("review_agency", agency)
    assert workflow.state(workflow.next_state(review.code, "review")).office == "agency"


def test_a_review_state_without_its_agency_is_invalid():
    broken = library()["technical_review_dinkes"]
    for state in broken["states"]:
        state.pop("agency", None)
    rules = {p.rule for p in Workflow.from_dict(broken).validate()}
    assert "review_agency" in rules


def test_round_trip_through_dict():
    workflow = Workflow.from_dict(library()["licensing"])
    assert Workflow.from_dict(workflow.to_dict()) == workflow


def test_malformed_definition_is_refused():
    with pytest.raises(WorkflowError):
        Workflow.from_dict({"code": "x", "states": [{"name": "no code"}], "actions": []})


# --- Properties over random valid workflows --------------------------------------------------
@st.composite
def valid_workflows(draw) -> dict:
    """A random chain of working states with extra forward/backward edges, a citizen-wait
    state, and terminal states; every state reachable and every state able to finish."""
    n = draw(st.integers(min_value=1, max_value=6))
    work = [f"s{i}" for i in range(n)]
    shares = draw(st.lists(st.integers(1, 10), min_size=n, max_size=n))
    total = sum(shares)
    states = [
        {"code": c, "name": c, "office": "agency", "sla_share": w / total}
        for c, w in zip(work, shares, strict=True)
    ]
    # Rounding must not push the sum off 1: give the remainder to the first state.
    states[0]["sla_share"] += 1 - sum(s["sla_share"] for s in states)
    states.append(
        {"code": "wait", "name": "wait", "office": "none", "sla_share": 0, "waits_on_citizen": True}
    )
    states.append(
        {"code": "done", "name": "done", "office": "none", "terminal": True, "outcome": "issued"}
    )
    states.append(
        {"code": "no", "name": "no", "office": "none", "terminal": True, "outcome": "rejected"}
    )
    role = st.lists(st.sampled_from(ROLES), min_size=1, max_size=3, unique=True)
    actions = [
        {
            "code": f"go{i}",
            "name": "go",
            "from": work[i],
            "to": work[i + 1] if i + 1 < n else "done",
            "roles": draw(role),
        }
        for i in range(n)
    ]
    actions.append(
        {
            "code": "fix",
            "name": "fix",
            "from": draw(st.lists(st.sampled_from(work), min_size=1, unique=True)),
            "to": "wait",
            "roles": draw(role),
        }
    )
    actions.append(
        {"code": "back", "name": "back", "from": "wait", "to": work[0], "roles": ["citizen"]}
    )
    actions.append(
        {"code": "reject", "name": "reject", "from": work, "to": "no", "roles": draw(role)}
    )
    for k in range(draw(st.integers(0, 4))):
        actions.append(
            {
                "code": f"jump{k}",
                "name": "jump",
                "from": draw(st.sampled_from(work)),
                "to": draw(st.sampled_from(work)),
                "roles": draw(role),
            }
        )
    return {
        "code": "random",
        "name": "random",
        "initial": work[0],
        "states": states,
        "actions": actions,
    }


@settings(max_examples=150, deadline=None)
@given(definition=valid_workflows(), walk=st.lists(st.integers(0, 50), max_size=40))
def test_random_valid_workflows_never_trap_a_case(definition, walk):
    workflow = Workflow.from_dict(definition)
    assert workflow.validate() == []
    # From anywhere a case can get to, a terminal state can still be reached.
    terminals = {s.code for s in workflow.states if s.terminal}
    for code in workflow.reachable():
        assert workflow.reachable(code) & terminals
    # Any walk of allowed actions stays inside the definition; only terminals stop it.
    state = workflow.initial
    for pick in walk:
        options = [a for r in ROLES for a in workflow.available_actions(state, r)]
        if workflow.is_terminal(state):
            assert options == []
            break
        assert options, f"stuck in {state}"
        state = workflow.next_state(state, options[pick % len(options)].code)
        assert state in {s.code for s in workflow.states}


def _rules(definition: dict) -> set[str]:
    return {p.rule for p in Workflow.from_dict(definition).validate()}


@settings(max_examples=60, deadline=None)
@given(definition=valid_workflows(), data=st.data())
def test_mutations_are_caught(definition, data):
    mutation = data.draw(
        st.sampled_from(
            [
                "orphan",
                "dead_end",
                "sla",
                "role",
                "terminal_action",
                "duplicate",
                "bad_target",
                "trap",
            ]
        )
    )
    broken = copy.deepcopy(definition)
    if mutation == "orphan":
        broken["states"].append(
            {
                "code": "orphan",
                "name": "o",
                "office": "none",
                "terminal": True,
                "outcome": "cancelled",
            }
        )
        expected = "unreachable_state"
    elif mutation == "dead_end":
        # A new working state reached from the start but with no way on.
        broken["states"].append({"code": "stuck", "name": "s", "office": "agency"})
        broken["actions"].append(
            {
                "code": "to_stuck",
                "name": "x",
                "from": broken["initial"],
                "to": "stuck",
                "roles": ["camat"],
            }
        )
        expected = "dead_end"
    elif mutation == "sla":
        broken["states"][0]["sla_share"] = broken["states"][0]["sla_share"] / 2 + 0.01
        expected = "sla_shares"
    elif mutation == "role":
        broken["actions"][0]["roles"] = ["lurah_palsu"]
        expected = "unknown_role"
    elif mutation == "terminal_action":
        broken["actions"].append(
            {
                "code": "undo",
                "name": "u",
                "from": "done",
                "to": broken["initial"],
                "roles": ["camat"],
            }
        )
        expected = "terminal_has_action"
    elif mutation == "duplicate":
        broken["actions"].append(dict(broken["actions"][0]))
        expected = "duplicate_action"
    elif mutation == "bad_target":
        broken["actions"][-1]["to"] = "nowhere"
        expected = "unknown_state"
    else:
        # Two working states that only lead to each other: no dead end, but no way out.
        broken["states"] += [
            {"code": "loop_a", "name": "a", "office": "agency"},
            {"code": "loop_b", "name": "b", "office": "agency"},
        ]
        broken["actions"] += [
            {
                "code": "enter",
                "name": "e",
                "from": broken["initial"],
                "to": "loop_a",
                "roles": ["camat"],
            },
            {"code": "ab", "name": "ab", "from": "loop_a", "to": "loop_b", "roles": ["camat"]},
            {"code": "ba", "name": "ba", "from": "loop_b", "to": "loop_a", "roles": ["camat"]},
        ]
        expected = "no_way_out"
    assert expected in _rules(broken)
