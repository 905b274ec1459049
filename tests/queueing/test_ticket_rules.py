"""Anonymous queue tickets: proof of presence, a limit per client, and no self-declared
priority; staff at the point give priority."""

from __future__ import annotations

import pytest

from balai.queueing.models import Ticket
from balai.queueing.presence import presence_code, presence_ok

URL = "/api/v1/queue/tickets"


def _issue(client, **body):
    payload = {"service_point": "mpp-banyuwangi", "prefix": "A", **body}
    return client.post(URL, payload, content_type="application/json", REMOTE_ADDR="203.0.113.5")


@pytest.mark.django_db
def test_without_the_boards_code_no_ticket(client, mpp):
    response = _issue(client)
    assert response.status_code == 403 and response.json()["code"] == "presence_code_required"
    assert (
        _issue(
            client,
            presence_code="0000"
            if presence_code(point_code="mpp-banyuwangi") != "0000"
            else "1111",
        ).status_code
        == 403
    )
    assert not Ticket.objects.exists()
    board = client.get("/antrian/papan/mpp-banyuwangi/").content.decode()
    code = presence_code(point_code="mpp-banyuwangi")
    assert f"data-presence>{code}<" in board
    assert _issue(client, presence_code=code).status_code == 201


@pytest.mark.django_db
def test_an_anonymous_client_takes_only_a_few_tickets(client, mpp, settings):
    settings.QUEUE_PUBLIC_TICKETS_PER_CLIENT = 3
    code = presence_code(point_code="mpp-banyuwangi")
    statuses = [_issue(client, presence_code=code).status_code for _ in range(6)]
    assert statuses == [201, 201, 201, 429, 429, 429]
    assert Ticket.objects.count() == 3


@pytest.mark.django_db
def test_priority_only_from_staff_at_the_point(client, mpp):
    code = presence_code(point_code="mpp-banyuwangi")
    refused = _issue(client, presence_code=code, priority_class="lansia")
    assert refused.status_code == 403 and refused.json()["code"] == "priority_needs_staff"
    client.force_login(mpp.officer)
    given = _issue(client, priority_class="lansia")
    assert given.status_code == 201 and given.json()["priority_class"] == "lansia"


def test_the_code_rotates_and_the_previous_one_still_counts(settings):
    import datetime as dt

    settings.QUEUE_PRESENCE_SECONDS = 300
    now = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
    first = presence_code(point_code="mpp", at=now)
    later = now + dt.timedelta(seconds=300)
    assert presence_ok(point_code="mpp", code=first, at=later)
    assert not presence_ok(point_code="mpp", code=first, at=later + dt.timedelta(seconds=300))
