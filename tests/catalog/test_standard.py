"""The content hash decides whether a load makes a new version: equal standards hash equally
however they are spelled, and any real change hashes differently."""

from __future__ import annotations

import copy

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from balai.catalog.loading import DATA_DIR
from balai.catalog.standard import standard_hash, standard_normalize

EXAMPLE = yaml.safe_load((DATA_DIR / "examples" / "example.yaml").read_text())["services"][0]

# Optional keys and the value a file may spell out or leave away.
DEFAULTS = {
    "synonyms": [],
    "segments": [],
    "description": "",
    "maklumat": "",
    "form": {"fields": []},
    "service_points": [],
}

# A change somewhere in the standard: (path, new value).
CHANGES = st.sampled_from(
    [
        (["name"], "Akta Kelahiran Baru"),
        (["fee", "amount"], 5000),
        (["fee", "example"], True),
        (["sla", "value"], 3),
        (["sla", "unit"], "hours"),
        (["requirements", 0, "upload"], False),
        (["requirements", 1, "satisfied_by"], None),
        (["procedure", 0], "Langkah lain."),
        (["management", "jumlah_pelaksana"], "9 orang"),
        (["channels"], ["mpp"]),
        (["service_points"], ["mpp-banyuwangi"]),
        (["status"], "draft"),
        (["form", "fields", 0, "required"], False),
    ]
)


def test_defaults_spelled_out_hash_the_same():
    bare = {k: v for k, v in EXAMPLE.items() if k not in DEFAULTS}
    explicit = {**DEFAULTS, **bare}
    assert standard_hash(bare, workflow_version=1) == standard_hash(explicit, workflow_version=1)
    assert standard_normalize(bare)["fee"]["example"] is False


@settings(max_examples=40, deadline=None)
@given(change=CHANGES, workflow_version=st.integers(1, 5))
def test_any_change_hashes_differently(change, workflow_version):
    path, value = change
    changed = copy.deepcopy(EXAMPLE)
    target = changed
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    before = standard_hash(EXAMPLE, workflow_version=workflow_version)
    assert standard_hash(changed, workflow_version=workflow_version) != before
    # A new workflow version is a change too: cases must know which one they follow.
    assert standard_hash(EXAMPLE, workflow_version=workflow_version + 1) != before


@settings(max_examples=40, deadline=None)
@given(order=st.permutations(list(EXAMPLE)))
def test_key_order_does_not_matter(order):
    reordered = {k: EXAMPLE[k] for k in order}
    assert standard_hash(reordered, workflow_version=1) == standard_hash(
        EXAMPLE, workflow_version=1
    )
