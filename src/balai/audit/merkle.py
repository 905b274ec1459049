"""Merkle tree hashing, inclusion and consistency proofs as RFC 9162 (section 2.1) defines them.

The audit log of each regency is a Certificate-Transparency-style log: leaves are audit events
in the order the sequencer integrated them. A signed checkpoint (tree size and root) commits to
every leaf before it, so an event edited, removed, reordered or appended out of order after a
checkpoint was published changes the root that anyone holding the checkpoint can recompute.

Everything here works on 32-byte SHA-256 digests and is independent of the database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"
EMPTY_ROOT = hashlib.sha256(b"").digest()


def leaf_hash(entry: bytes) -> bytes:
    return hashlib.sha256(LEAF_PREFIX + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(NODE_PREFIX + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than n (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def root(leaves: Sequence[bytes]) -> bytes:
    """MTH(D[n]) of leaf hashes (already leaf-hashed), iteratively through a compact range."""
    frontier = Frontier()
    for leaf in leaves:
        frontier.append(leaf)
    return frontier.root()


class Frontier:
    """The right edge of a tree: the roots of its perfect subtrees, left to right, each with
    its height. Appending is a binary-counter carry; the root folds the edge from the right.
    It is what the sequencer keeps per regency so that integrating a batch never rereads the
    log."""

    def __init__(self, nodes: Iterable[tuple[int, bytes]] = (), size: int = 0) -> None:
        self.nodes: list[tuple[int, bytes]] = list(nodes)
        self.size = size

    def append(self, leaf: bytes) -> None:
        self.nodes.append((0, leaf))
        self.size += 1
        while len(self.nodes) >= 2 and self.nodes[-1][0] == self.nodes[-2][0]:
            (height, right), (_, left) = self.nodes.pop(), self.nodes.pop()
            self.nodes.append((height + 1, node_hash(left, right)))

    def root(self) -> bytes:
        if not self.nodes:
            return EMPTY_ROOT
        acc = self.nodes[-1][1]
        for _height, left in reversed(self.nodes[:-1]):
            acc = node_hash(left, acc)
        return acc

    def dump(self) -> list[list]:
        return [[height, digest.hex()] for height, digest in self.nodes]

    @classmethod
    def load(cls, data: list[list] | None, size: int) -> Frontier:
        return cls(((int(h), bytes.fromhex(d)) for h, d in (data or [])), size)


def _subtree(leaves: Sequence[bytes], lo: int, hi: int) -> bytes:
    if hi - lo == 1:
        return leaves[lo]
    k = _split(hi - lo)
    return node_hash(_subtree(leaves, lo, lo + k), _subtree(leaves, lo + k, hi))


def inclusion_proof(leaves: Sequence[bytes], index: int) -> list[bytes]:
    """PATH(m, D[n]) (RFC 9162 2.1.3.1): the audit path of leaf `index` in the tree of all
    `leaves`."""
    n = len(leaves)
    if not 0 <= index < n:
        raise ValueError("index outside the tree")

    def path(m: int, lo: int, hi: int) -> list[bytes]:
        if hi - lo == 1:
            return []
        k = _split(hi - lo)
        if m < k:
            return [*path(m, lo, lo + k), _subtree(leaves, lo + k, hi)]
        return [*path(m - k, lo + k, hi), _subtree(leaves, lo, lo + k)]

    return path(index, 0, n)


def inclusion_verify(
    *, leaf: bytes, index: int, size: int, proof: Sequence[bytes], root_hash: bytes
) -> bool:
    """RFC 9162 2.1.3.2."""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root_hash


def consistency_proof(leaves: Sequence[bytes], old_size: int) -> list[bytes]:
    """PROOF(m, D[n]) (RFC 9162 2.1.4.1) that the tree of the first `old_size` leaves is a
    prefix of the tree of all `leaves`."""
    n = len(leaves)
    if not 0 < old_size <= n:
        raise ValueError("old size outside the tree")

    def subproof(m: int, lo: int, hi: int, complete: bool) -> list[bytes]:
        if m == hi - lo:
            return [] if complete else [_subtree(leaves, lo, hi)]
        k = _split(hi - lo)
        if m <= k:
            return [*subproof(m, lo, lo + k, complete), _subtree(leaves, lo + k, hi)]
        return [*subproof(m - k, lo + k, hi, False), _subtree(leaves, lo, lo + k)]

    return subproof(old_size, 0, n, True)


def consistency_verify(
    *, old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> bool:
    """RFC 9162 2.1.4.2."""
    if old_size == new_size:
        return not proof and old_root == new_root
    if not 0 < old_size < new_size or not proof:
        return False
    path = list(proof)
    if old_size & (old_size - 1) == 0:  # a power of two: the old root starts the path
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == old_root and sr == new_root and sn == 0
