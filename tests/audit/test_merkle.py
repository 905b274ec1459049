"""RFC 9162 proofs: every inclusion and consistency proof of any tree verifies, and a proof
checked against a changed leaf, size or root does not."""

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from balai.audit import merkle

leaves_st = st.integers(min_value=1, max_value=70).map(
    lambda n: [merkle.leaf_hash(str(i).encode()) for i in range(n)]
)


def reference_root(leaves: list[bytes]) -> bytes:
    """MTH as RFC 9162 writes it, recursively."""
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return merkle.node_hash(reference_root(leaves[:k]), reference_root(leaves[k:]))


def test_known_values():
    assert merkle.root([]) == hashlib.sha256(b"").digest()
    one = merkle.leaf_hash(b"")
    assert one.hex() == "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"


@given(leaves_st)
def test_frontier_root_equals_the_recursive_definition(leaves):
    assert merkle.root(leaves) == reference_root(leaves)
    frontier = merkle.Frontier()
    for leaf in leaves:
        frontier.append(leaf)
    again = merkle.Frontier.load(frontier.dump(), frontier.size)
    assert again.root() == reference_root(leaves)


@given(leaves_st, st.data())
def test_inclusion_proofs_verify_and_detect_changes(leaves, data):
    index = data.draw(st.integers(min_value=0, max_value=len(leaves) - 1))
    root = merkle.root(leaves)
    proof = merkle.inclusion_proof(leaves, index)
    args = {"index": index, "size": len(leaves), "proof": proof, "root_hash": root}
    assert merkle.inclusion_verify(leaf=leaves[index], **args)
    assert not merkle.inclusion_verify(leaf=merkle.leaf_hash(b"forged"), **args)
    if len(leaves) > 1:
        other = (index + 1) % len(leaves)
        assert not merkle.inclusion_verify(leaf=leaves[other], **args)


@given(leaves_st, st.data())
def test_consistency_proofs_verify_and_detect_a_changed_history(leaves, data):
    old = data.draw(st.integers(min_value=1, max_value=len(leaves)))
    proof = merkle.consistency_proof(leaves, old)
    old_root, new_root = merkle.root(leaves[:old]), merkle.root(leaves)
    kwargs = {"old_size": old, "new_size": len(leaves), "proof": proof}
    assert merkle.consistency_verify(old_root=old_root, new_root=new_root, **kwargs)
    changed = [*leaves]
    changed[data.draw(st.integers(min_value=0, max_value=old - 1))] = merkle.leaf_hash(b"x")
    forged_root = merkle.root(changed)
    if old < len(leaves):
        assert not merkle.consistency_verify(old_root=old_root, new_root=forged_root, **kwargs)
