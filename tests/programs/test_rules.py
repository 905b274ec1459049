"""Property tests over the eligibility rules: a rule set never accepts what one rule refuses."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from balai.programs.rules import RULES, BusinessFacts, Facts, evaluate

SEGMENTS = ["nelayan", "petani", "penghayat", "lansia", "disabilitas"]
SCALES = ["mikro", "kecil", "menengah", "besar"]

rule_strategy = st.one_of(
    st.sampled_from([{"rule": r} for r in ("residency", "living", "sku_letter", "one_per_family")]),
    st.builds(
        lambda lo, span: {"rule": "age", "min": lo, "max": lo + span},
        st.integers(0, 80),
        st.integers(0, 40),
    ),
    st.builds(
        lambda s: {"rule": "segment", "any": s},
        st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=3, unique=True),
    ),
    st.builds(
        lambda scales, prefixes, nib: {
            "rule": "business",
            "scales": scales,
            "kbli_prefixes": prefixes,
            "nib": nib,
        },
        st.lists(st.sampled_from(SCALES), max_size=2, unique=True),
        st.lists(st.sampled_from(["47", "10", "56", "4711"]), max_size=2, unique=True),
        st.booleans(),
    ),
    st.builds(
        lambda p: {"rule": "not_in_programme", "programmes": p},
        st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=2, unique=True),
    ),
)

facts_strategy = st.builds(
    Facts,
    in_regency=st.booleans(),
    living=st.booleans(),
    age=st.integers(0, 110),
    segments=st.frozensets(st.sampled_from(SEGMENTS)),
    business=st.none()
    | st.builds(
        BusinessFacts,
        kbli_codes=st.lists(st.sampled_from(["47111", "10792", "56101", "01111"]), max_size=2).map(
            tuple
        ),
        scale=st.sampled_from(SCALES),
        has_nib=st.booleans(),
    ),
    has_sku=st.booleans(),
    programmes_held=st.frozensets(st.sampled_from(["a", "b", "c"])),
    family_taken=st.booleans(),
    already_held=st.integers(0, 2),
)


@settings(deadline=None)
@given(rules=st.lists(rule_strategy, max_size=6), facts=facts_strategy)
def test_a_rule_set_accepts_only_when_no_rule_refuses(rules, facts):
    verdict = evaluate(rules, facts)
    single = [RULES[r["rule"]](r, facts) for r in rules]
    if any(s is not None for s in single) or facts.already_held >= 1:
        assert not verdict.accepted
    else:
        assert verdict.accepted
    # Every refusing rule is named, none invented.
    assert [r.code for r in verdict.refusals if r.code != "already_applied"] == [
        s.code for s in single if s is not None
    ]
    assert all(r.message for r in verdict.refusals)


@settings(deadline=None)
@given(rules=st.lists(rule_strategy, max_size=6), facts=facts_strategy, extra=rule_strategy)
def test_adding_a_rule_never_turns_a_refusal_into_acceptance(rules, facts, extra):
    if not evaluate(rules, facts).accepted:
        assert not evaluate([*rules, extra], facts).accepted
