"""Tampering with the regency audit logs as someone with the database's own rights would: every
edit, deletion, reordering, truncation and full rewrite is found, the last ones against the
signed checkpoints kept in the database or published outside it."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from balai.audit import checkpoints, verification
from balai.audit.canonical import event_hash
from balai.audit.merkle import Frontier
from balai.audit.models import AuditEvent, ChainHead, Checkpoint
from balai.audit.services import audit_checkpoint_sign, audit_integrate, audit_record

from .conftest import raw

EVENTS = 12


@pytest.fixture
def chain(db):
    for i in range(EVENTS):
        audit_record(actor=None, action="test.step", region_code="35.10", after={"i": i})
    for i in range(3):
        audit_record(actor=None, action="test.other", region_code="35.09", after={"i": i})
    audit_integrate(batch=5)  # batches smaller than the log: the frontier carries across


@pytest.fixture
def signed(chain):
    """A checkpoint of each log, stored and published, as the sequencer makes them."""
    audit_checkpoint_sign(chain="35.10")
    audit_checkpoint_sign(chain="35.09")
    return checkpoints.published_path("35.10")


def verify(*args: str) -> tuple[int, dict]:
    out = StringIO()
    try:
        call_command("audit", "verify", *args, stdout=out)
        code = 0
    except CommandError as exc:
        code = exc.returncode
    return code, json.loads(out.getvalue().strip().splitlines()[-1])


def test_an_intact_log_verifies(signed):
    code, body = verify()
    assert code == 0
    assert body == {
        "valid": True,
        "chains": 2,
        "events": EVENTS + 3,
        "checkpoints": 2,
        "pending": 0,
    }
    assert verify("--chain", "35.09")[1]["events"] == 3


def test_pending_events_are_counted_not_broken(chain):
    audit_record(actor=None, action="test.late", region_code="35.10")
    code, body = verify()
    assert code == 0 and body["pending"] == 1 and body["events"] == EVENTS + 3


@pytest.mark.parametrize("k", [1, 5, EVENTS])
def test_one_altered_field_names_exactly_that_event(chain, tamper, k):
    tamper(
        "UPDATE audit_auditevent SET object_id = 'forged' WHERE chain = %s AND seq = %s",
        ["35.10", k],
    )
    code, body = verify()
    assert code == 1
    assert body["valid"] is False
    assert body["first_bad"] == {"chain": "35.10", "seq": k, "problem": "altered"}
    assert verify("--chain", "35.09")[0] == 0


def test_altered_json_is_found(chain, tamper):
    tamper(
        "UPDATE audit_auditevent SET after = %s WHERE chain = %s AND seq = %s",
        [json.dumps({"i": 99}), "35.10", 4],
    )
    assert verify()[1]["first_bad"] == {"chain": "35.10", "seq": 4, "problem": "altered"}


@pytest.mark.parametrize("k", [1, 6, EVENTS])
def test_a_deleted_event_names_exactly_that_event(chain, tamper, k):
    tamper("DELETE FROM audit_auditevent WHERE chain = %s AND seq = %s", ["35.10", k])
    code, body = verify()
    assert code == 1
    assert body["first_bad"] == {"chain": "35.10", "seq": k, "problem": "removed"}


def test_a_deletion_hidden_by_renumbering_breaks_the_link(chain, tamper):
    tamper("DELETE FROM audit_auditevent WHERE chain = %s AND seq = %s", ["35.10", 6])
    for seq in range(7, EVENTS + 1):
        tamper(
            "UPDATE audit_auditevent SET seq = %s WHERE chain = %s AND seq = %s",
            [seq - 1, "35.10", seq],
        )
    assert verify()[1]["first_bad"] == {"chain": "35.10", "seq": 6, "problem": "removed"}


def test_two_events_swapped_are_found_as_reordered(chain, tamper):
    tamper("UPDATE audit_auditevent SET seq = -4 WHERE chain = '35.10' AND seq = 4")
    tamper("UPDATE audit_auditevent SET seq = 4 WHERE chain = '35.10' AND seq = 5")
    tamper("UPDATE audit_auditevent SET seq = 5 WHERE chain = '35.10' AND seq = -4")
    assert verify()[1]["first_bad"] == {"chain": "35.10", "seq": 4, "problem": "reordered"}


def test_a_rehashed_forgery_shows_in_the_next_link(chain, tamper):
    event = AuditEvent.objects.get(chain="35.10", seq=3)
    event.object_id = "forged"
    tamper(
        "UPDATE audit_auditevent SET object_id = %s, hash = %s WHERE id = %s",
        ["forged", event_hash(event), event.pk],
    )
    assert verify()[1]["first_bad"] == {"chain": "35.10", "seq": 4, "problem": "removed"}


def test_a_head_that_disagrees_with_the_last_event(chain):
    raw("UPDATE audit_chainhead SET last_hash = %s WHERE chain = %s", ["f" * 64, "35.09"])
    assert verify()[1]["first_bad"] == {"chain": "35.09", "seq": 3, "problem": "head_mismatch"}


def _truncate(tamper, chain: str, keep: int) -> None:
    """Cut the log's tail and move its head back, as a careful intruder would."""
    tamper("DELETE FROM audit_auditevent WHERE chain = %s AND seq > %s", [chain, keep])
    last = AuditEvent.objects.get(chain=chain, seq=keep)
    raw(
        "UPDATE audit_chainhead SET seq = %s, last_hash = %s WHERE chain = %s",
        [keep, last.hash, chain],
    )


def test_a_truncated_tail_is_found_against_a_signed_checkpoint(signed, tamper):
    _truncate(tamper, "35.10", 9)
    assert verify()[1]["first_bad"] == {"chain": "35.10", "seq": 10, "problem": "truncated"}


def _rewrite(tamper, chain: str, forged_seq: int) -> None:
    """Edit one event and recompute every hash, link and the head: internally consistent."""
    events = list(AuditEvent.objects.filter(chain=chain).order_by("seq"))
    prev, frontier = "0" * 64, Frontier()
    for event in events:
        if event.seq == forged_seq:
            event.object_id = "forged"
        event.prev_hash = prev
        event.hash = event_hash(event)
        tamper(
            "UPDATE audit_auditevent SET object_id = %s, prev_hash = %s, hash = %s WHERE id = %s",
            [event.object_id, event.prev_hash, event.hash, event.pk],
        )
        frontier.append(bytes.fromhex(event.hash))
        prev = event.hash
    raw(
        "UPDATE audit_chainhead SET last_hash = %s, frontier = %s WHERE chain = %s",
        [prev, json.dumps(frontier.dump()), chain],
    )


def test_a_full_rewrite_is_found_against_the_stored_checkpoint(signed, tamper):
    _rewrite(tamper, "35.10", 7)
    assert verify()[1]["first_bad"] == {"chain": "35.10", "seq": EVENTS, "problem": "rewritten"}


def test_a_rewrite_that_also_drops_the_stored_checkpoints_fails_the_published_file(
    signed, tamper, tmp_path
):
    shipped = tmp_path / "shipped.checkpoints"
    shutil.copyfile(signed, shipped)  # what the operator shipped off the machine
    _rewrite(tamper, "35.10", 2)
    Checkpoint.objects.filter(chain="35.10").delete()
    assert verify()[0] == 0  # the database alone can no longer tell
    code, body = verify("--checkpoints", str(shipped))
    assert code == 1
    assert body["first_bad"] == {"chain": "35.10", "seq": EVENTS, "problem": "rewritten"}


def test_a_checkpoint_forged_without_the_log_key_is_refused(signed, tamper):
    _rewrite(tamper, "35.10", 2)
    head = ChainHead.objects.get(chain="35.10")
    root = Frontier.load(head.frontier, head.seq).root().hex()
    Checkpoint.objects.filter(chain="35.10").update(root_hash=root)
    assert verify()[1]["first_bad"] == {
        "chain": "35.10",
        "seq": EVENTS,
        "problem": "checkpoint_forged",
    }


def test_checkpoints_published_file_parses_back(signed):
    audit_record(actor=None, action="test.more", region_code="35.10")
    audit_integrate(checkpoint=False)
    audit_checkpoint_sign(chain="35.10")
    notes = checkpoints.parse(Path(signed).read_text(encoding="utf-8"))
    assert [n.tree_size for n in notes] == [EVENTS, EVENTS + 1]
    public = checkpoints.public_key_raw("35.10")
    assert all(checkpoints.signature_valid(n, public) for n in notes)
    assert (Path(settings.AUDIT_LOG_DIR) / "checkpoints" / "35.10.checkpoint").exists()


def test_verify_reads_in_pages(chain, tamper, monkeypatch):
    monkeypatch.setattr(verification, "PAGE", 5)
    assert verify()[0] == 0
    tamper("DELETE FROM audit_auditevent WHERE chain = %s AND seq = %s", ["35.10", 11])
    assert verify()[1]["first_bad"]["seq"] == 11
