"""The sequencer: killed in the middle of a batch it loses and duplicates nothing, and the
public endpoints a witness uses answer without an account."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from balai.audit import checkpoints, merkle
from balai.audit.canonical import event_hash
from balai.audit.models import AuditEvent
from balai.audit.services import audit_checkpoint_sign, audit_integrate, audit_record
from balai.audit.verification import audit_verify

ROOT = Path(__file__).resolve().parents[2]
PENDING = 6000


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_sequencer_killed_mid_batch_loses_and_duplicates_nothing(settings, tmp_path):
    settings.AUDIT_SEQUENCER = "worker"
    # Pending events written in bulk, as thousands of committed changes would leave them.
    now = timezone.now()
    events = [
        AuditEvent(
            chain="35.10", occurred_at=now, action="kill", object_id=str(i), region_code="35.10"
        )
        for i in range(PENDING)
    ]
    for event in events:
        event.hash = event_hash(event)
    AuditEvent.objects.bulk_create(events, batch_size=1000)
    env = {
        **os.environ,
        "BALAI_DATABASE_URL": _url(),
        "BALAI_AUDIT_SEQUENCER": "worker",
        "BALAI_AUDIT_BATCH": "64",
        "BALAI_AUDIT_LOG_DIR": str(tmp_path / "log"),
        "PYTHONPATH": str(ROOT / "src"),
    }
    command = [sys.executable, "-m", "balai", "audit", "sequence", "--interval", "0.05"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, cwd=ROOT)
    try:
        deadline = time.monotonic() + 180
        while AuditEvent.objects.filter(seq__isnull=False).count() < PENDING // 3:
            assert time.monotonic() < deadline, "the sequencer did not start"
            time.sleep(0.05)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    done = AuditEvent.objects.filter(seq__isnull=False).count()
    assert 0 < done < PENDING  # killed in the middle
    audit_integrate(batch=64)  # a new sequencer takes over where the old one stopped
    seqs = list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, PENDING + 1))
    assert audit_verify(chains=["35.10"]).valid


def _url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def test_a_witness_reads_checkpoints_and_consistency_proofs_without_an_account(client, db):
    for i in range(5):
        audit_record(actor=None, action="test.w", region_code="35.10", after={"i": i})
    audit_integrate(checkpoint=False)
    audit_checkpoint_sign(chain="35.10")
    first = client.get("/audit/log/35.10/checkpoint")
    assert first.status_code == 200
    old = checkpoints.parse(first.content.decode())[0]
    key = checkpoints.public_key_raw("35.10")
    assert client.get("/audit/log/35.10/kunci").content.decode().strip()
    assert checkpoints.signature_valid(old, key) and old.tree_size == 5

    for i in range(6):
        audit_record(actor=None, action="test.w2", region_code="35.10", after={"i": i})
    audit_integrate(checkpoint=False)
    audit_checkpoint_sign(chain="35.10")
    new = checkpoints.parse(client.get("/audit/log/35.10/checkpoint").content.decode())[0]
    proof = client.get("/audit/log/35.10/konsistensi", {"dari": 5, "ke": 11}).json()
    assert merkle.consistency_verify(
        old_size=5,
        new_size=11,
        old_root=bytes.fromhex(old.root_hash),
        new_root=bytes.fromhex(new.root_hash),
        proof=[bytes.fromhex(p) for p in proof["proof"]],
    )
    assert client.get("/audit/log/35.10/konsistensi", {"dari": 4, "ke": 11}).status_code == 404
    assert client.get("/audit/log/99.99.99/checkpoint").status_code == 404
    assert Path(settings.AUDIT_LOG_DIR).is_dir()


def test_balai_check_raises_the_alarm_for_events_left_pending(db, settings):
    import datetime as dt

    from balai.audit.checks import pending_events_check

    settings.AUDIT_SEQUENCER = "worker"
    audit_record(
        actor=None,
        action="test.stuck",
        region_code="35.10",
        occurred_at=timezone.now() - dt.timedelta(seconds=60),
    )
    assert [m.id for m in pending_events_check()] == ["balai.audit.W001"]
    audit_integrate()
    assert pending_events_check() == []
