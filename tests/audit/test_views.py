"""The auditor's pages: role and scope, filters, paging without N+1, reads recorded."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from balai.audit.models import AuditEvent
from balai.audit.services import audit_record
from tests.fixtures import PASSWORD

pytestmark = pytest.mark.urls("tests.audit.urls")


@pytest.fixture
def events(regions):
    when = dt.datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    made = {
        "mine": audit_record(actor=None, action="cases.submit", region_code="35.10.05.2001",
                             object_type="cases.case", object_id="7", occurred_at=when,
                             after={"nik": "3510054406850001"}),
        "regency": audit_record(actor=None, action="catalog.loaded", region_code="35.10",
                                occurred_at=when + dt.timedelta(days=3)),
        "jember": audit_record(actor=None, action="cases.submit", region_code="35.09.01.2001"),
        "global": audit_record(actor=None, action="accounts.login_failed"),
    }  # fmt: skip
    return made


def signed_in(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def auditor(make_staff):
    return make_staff("auditor", region="35.10", username="auditor")


def listed(response) -> set[int]:
    return {e.pk for e in response.context["page"].object_list}


def test_auditor_sees_only_their_regency(client, auditor, events):
    response = signed_in(client, auditor).get("/audit/")
    assert response.status_code == 200
    assert listed(response) == {events["mine"].pk, events["regency"].pk}
    assert b"35.09" not in response.content


def test_roles_without_audit_view_are_refused(client, make_staff, events):
    operator = make_staff("operator_desa", region="35.10.05.2001", username="op")
    assert signed_in(client, operator).get("/audit/").status_code == 403
    assert client.get(f"/audit/{events['mine'].pk}/").status_code == 403
    client.logout()
    assert client.get("/audit/").status_code == 302


def test_an_event_out_of_scope_is_not_found(client, auditor, events):
    signed_in(client, auditor)
    assert client.get(f"/audit/{events['jember'].pk}/").status_code == 404
    assert client.get(f"/audit/{events['global'].pk}/").status_code == 404


def test_opening_an_event_is_itself_recorded(client, auditor, events):
    response = signed_in(client, auditor).get(f"/audit/{events['mine'].pk}/")
    assert response.status_code == 200
    assert b"3510054406850001" in response.content and events["mine"].hash.encode() in (
        response.content
    )
    read = AuditEvent.objects.get(action="audit.event.view")
    assert (read.actor, read.object_id) == (auditor, str(events["mine"].pk))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("action=cases", {"mine"}),
        ("object_type=cases.case&object_id=7", {"mine"}),
        ("since=2026-03-03", {"regency"}),
        ("until=2026-03-02", {"mine"}),
        ("since=2026-03-09&until=2026-03-01", set()),
    ],
)
def test_filters(client, auditor, events, query, expected):
    response = signed_in(client, auditor).get(f"/audit/?{query}")
    assert listed(response) == {events[name].pk for name in expected}


def test_a_bad_date_range_says_why_in_indonesian(client, auditor, events):
    response = signed_in(client, auditor).get("/audit/?since=2026-03-09&until=2026-03-01")
    assert "Tanggal akhir tidak boleh sebelum tanggal awal." in response.content.decode()


def test_list_queries_do_not_grow_with_the_page(client, auditor, events):
    signed_in(client, auditor)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/audit/").status_code == 200
        return len(captured)

    few = queries()
    for i in range(30):
        audit_record(actor=auditor, action="test.more", region_code="35.10", after={"i": i})
    assert queries() == few
