import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from balai.audit.canonical import event_hash
from balai.audit.models import GLOBAL_CHAIN, AuditEvent, ChainHead
from balai.audit.services import audit_integrate, audit_record, chain_for
from balai.core import context

# JSON as callers hand it over: any text (NUL and lone surrogates included), any float.
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def stored(event: AuditEvent) -> AuditEvent:
    return AuditEvent.objects.get(pk=event.pk)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    before=st.none() | st.dictionaries(st.text(max_size=8), json_values, max_size=4),
    after=st.none() | st.dictionaries(st.text(max_size=8), json_values, max_size=4),
    label=st.text(max_size=250),
)
def test_hash_recomputed_from_the_stored_row_equals_the_stored_hash(before, after, label):
    event = audit_record(
        actor=None,
        action="test.any",
        object_id=label,
        region_code="35.10",
        before=before,
        after=after,
    )
    row = stored(event)
    assert row.hash == event.hash
    assert event_hash(row) == row.hash


@pytest.mark.django_db
def test_values_that_databases_change_are_hashed_as_stored():
    when = dt.datetime(2026, 3, 1, 9, 30, 0, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    ctx = context.RequestContext(request_id="r1", ip="2001:0db8:0000:0000::0001", channel="web")
    with context.bound(ctx):
        event = audit_record(
            actor=None,
            action="test.types",
            region_code="35.10.05.2001",
            occurred_at=when,
            after={
                "z": 1,
                "a": [1.0, 1e100, 0.1, float("nan")],
                "nik": "3510…",
                "nul": "a\x00b",
                "when": dt.date(2026, 1, 2),
                "fee": Decimal("10.50"),
                "none": None,
            },
        )
    row = stored(event)
    assert event_hash(row) == row.hash == event.hash
    assert row.occurred_at == when
    assert row.ip == "2001:db8::1"
    assert row.after["a"] == [1, int(1e100), 0.1, "nan"]
    assert row.after["nul"] == "a\ufffdb"
    assert row.after["when"] == "2026-01-02" and row.after["fee"] == "10.50"


@pytest.mark.django_db
def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        audit_record(actor=None, action="x", occurred_at=dt.datetime(2026, 1, 1))  # noqa: DTZ001


@pytest.mark.django_db
def test_each_regency_has_its_own_contiguous_chain(regions, make_staff):
    staff = make_staff("operator_desa", region="35.10.05.2001")
    for code in ["35.10.05.2001", "35.09", "35.10", None, "35"]:
        audit_record(actor=staff, action="test.chain", region_code=code)
    audit_integrate()
    banyuwangi = list(AuditEvent.objects.filter(chain="35.10", action="test.chain"))
    assert [e.region_code for e in banyuwangi] == ["35.10.05.2001", "35.10"]
    assert banyuwangi[1].prev_hash == banyuwangi[0].hash
    assert banyuwangi[0].actor == staff and banyuwangi[0].actor_label == str(staff)
    head = ChainHead.objects.get(chain="35.10")
    assert (head.seq, head.last_hash) == (banyuwangi[-1].seq, banyuwangi[-1].hash)
    assert AuditEvent.objects.filter(chain=GLOBAL_CHAIN, action="test.chain").count() == 2
    assert chain_for("35.10.05") == "35.10" and chain_for("") == GLOBAL_CHAIN
