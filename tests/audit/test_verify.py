import json

import pytest
from django.core.management import CommandError, call_command

from balai.audit import verification
from balai.audit.models import AuditEvent
from balai.audit.services import audit_record

from .conftest import raw

EVENTS = 12


@pytest.fixture
def chain(db):
    for i in range(EVENTS):
        audit_record(actor=None, action="test.step", region_code="35.10", after={"i": i})
    for i in range(3):
        audit_record(actor=None, action="test.other", region_code="35.09", after={"i": i})


def verify(*args: str) -> tuple[int, dict]:
    from io import StringIO

    out = StringIO()
    try:
        call_command("audit", "verify", *args, stdout=out)
        code = 0
    except CommandError as exc:
        code = exc.returncode
    return code, json.loads(out.getvalue().strip().splitlines()[-1])


def test_an_intact_trail_verifies(chain):
    code, body = verify()
    assert code == 0
    assert body == {"valid": True, "chains": 2, "events": EVENTS + 3}
    assert verify("--chain", "35.09")[1] == {"valid": True, "chains": 1, "events": 3}


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
    # The same JSON spelled differently still verifies; a changed value does not.
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
    # Deleting #6 and moving #7.. down keeps the numbers contiguous; #6's link then fails.
    tamper("DELETE FROM audit_auditevent WHERE chain = %s AND seq = %s", ["35.10", 6])
    for seq in range(7, EVENTS + 1):
        tamper(
            "UPDATE audit_auditevent SET seq = %s WHERE chain = %s AND seq = %s",
            [seq - 1, "35.10", seq],
        )
    problem = verify()[1]["first_bad"]
    # The renumbered event's own hash covers its number, so it shows as altered at #6.
    assert problem == {"chain": "35.10", "seq": 6, "problem": "altered"}


def test_a_rehashed_forgery_shows_in_the_next_link(chain, tamper):
    from balai.audit.canonical import event_hash

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


def test_verify_reads_in_pages(chain, tamper, monkeypatch):
    # Pages smaller than the chain: the walk crosses page boundaries without losing place.
    monkeypatch.setattr(verification, "PAGE", 5)
    assert verify()[0] == 0
    tamper("DELETE FROM audit_auditevent WHERE chain = %s AND seq = %s", ["35.10", 11])
    assert verify()[1]["first_bad"]["seq"] == 11
