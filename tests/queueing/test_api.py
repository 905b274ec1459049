"""The queue API: issuing with Idempotency-Key, status, calling with a scoped token, board."""

from __future__ import annotations

import pytest

from balai.accounts.services import token_create
from balai.queueing.presence import presence_code
from balai.queueing.services import counter_sign_in

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(actor=None, user=user, name='t').key}"}


@pytest.fixture(autouse=True)
def _many_tickets_per_client(settings):
    # These tests take many tickets from one address; the limit has its own tests
    # (tests/queueing/test_ticket_rules.py).
    settings.QUEUE_PUBLIC_TICKETS_PER_CLIENT = 1000


def issue(client, headers=None, **body):
    payload = {
        "service_point": "mpp-banyuwangi",
        "prefix": "A",
        "presence_code": presence_code(point_code="mpp-banyuwangi"),
        **body,
    }
    return client.post(
        "/api/v1/queue/tickets", payload, content_type="application/json", **(headers or {})
    )


def test_issue_honours_idempotency_key(client, mpp):
    # Priority is the counter's to give: the officer takes the ticket for the citizen.
    client.force_login(mpp.officer)
    first = issue(client, {"HTTP_IDEMPOTENCY_KEY": "kiosk-7-0001"}, priority_class="lansia")
    again = issue(client, {"HTTP_IDEMPOTENCY_KEY": "kiosk-7-0001"}, priority_class="lansia")
    other = issue(client)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["code"] == "A-001" and other.json()["code"] == "A-002"
    assert first.json()["priority_class"] == "lansia"


def test_issue_errors_have_a_code_and_an_indonesian_message(client, mpp):
    missing = issue(client, prefix="Z")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    wrong = issue(client, service="pajak-kendaraan")
    assert wrong.status_code == 400
    assert wrong.json() == {
        "code": "service_not_in_prefix",
        "message": "Layanan ini tidak dilayani antrean itu.",
    }
    anonymous_desk = issue(client, source="front_desk")
    assert anonymous_desk.status_code == 401


def test_status_shows_position(client, mpp):
    issue(client)
    code = issue(client).json()["code"]
    response = client.get(f"/api/v1/queue/tickets/mpp-banyuwangi/{code}")
    assert response.status_code == 200
    assert response.json()["ahead"] == 1 and response.json()["status"] == "waiting"
    assert client.get("/api/v1/queue/tickets/mpp-banyuwangi/A-999").status_code == 404


def test_call_next_and_finish_with_a_scoped_token(client, mpp, make_service_point, make_staff):
    issue(client)
    headers = bearer(mpp.officer)
    counter_sign_in(actor=mpp.officer, counter=mpp.counter1)
    url = f"/api/v1/queue/counters/{mpp.counter1.pk}"
    called = client.post(f"{url}/call-next", **headers)
    assert called.status_code == 200 and called.json()["ticket"]["code"] == "A-001"
    assert client.post(f"{url}/finish", **headers).json()["code"] == "invalid_transition"
    assert client.post(f"{url}/start", **headers).json()["status"] == "serving"
    assert client.post(f"{url}/finish", **headers).json()["status"] == "done"
    assert client.post(f"{url}/call-next", **headers).json() == {"ticket": None}
    # Staff of another point get a 404 with no data; no token at all, a 401.
    stranger = make_staff("petugas_loket", service_point=make_service_point("pasar-genteng"))
    refused = client.post(f"{url}/call-next", **bearer(stranger))
    assert refused.status_code == 404 and "ticket" not in refused.json()
    assert client.post(f"{url}/call-next").status_code == 401


def test_board_feed_has_codes_and_counter_names_only(client, mpp):
    issue(client)
    counter_sign_in(actor=mpp.officer, counter=mpp.counter1)
    client.post(f"/api/v1/queue/counters/{mpp.counter1.pk}/call-next", **bearer(mpp.officer))
    feed = client.get("/api/v1/queue/boards/mpp-banyuwangi").json()
    assert feed["recent"][0]["code"] == "A-001"
    assert feed["recent"][0]["announcement"] == (
        "Nomor antrian A nol nol satu, silakan ke loket satu"
    )
    assert feed["counters"] == [{"name": "Loket 1", "state": "open", "ticket": "A-001"}]
    assert mpp.officer.username not in str(feed)
