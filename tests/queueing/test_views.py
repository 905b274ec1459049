"""Queue pages: public pages show no personal data; staff pages check role and scope."""

from __future__ import annotations

import pytest

from balai.queueing.models import Ticket
from balai.queueing.selectors import board_state
from balai.queueing.services import counter_sign_in, ticket_call_next, ticket_issue

pytestmark = pytest.mark.django_db


def test_taking_a_ticket_shows_it_with_the_wait(client, mpp):
    ticket_issue(actor=None, prefix=mpp.prefix_a)
    page = client.get("/antrian/mpp-banyuwangi/ambil/")
    assert page.status_code == 200 and "Dispendukcapil" in page.text
    response = client.post(
        "/antrian/mpp-banyuwangi/ambil/",
        {"take-prefix": mpp.prefix_a.pk, "take-priority_class": "ibu_hamil"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/antrian/mpp-banyuwangi/tiket/A-002/"
    assert "A-002" in response.text and "1 orang" in response.text
    # Priority is not self-declared on the public page: the counter gives it.
    ticket = Ticket.objects.get(code="A-002")
    assert (ticket.source, ticket.priority_class) == ("kiosk", "")


def test_ticket_status_by_code_without_dash(client, mpp):
    ticket_issue(actor=None, prefix=mpp.prefix_b)
    response = client.get("/antrian/mpp-banyuwangi/cari/", {"kode": "b001"})
    assert response.status_code == 302 and response["Location"].endswith("/tiket/B-001/")
    assert client.get("/antrian/mpp-banyuwangi/tiket/B-002/").status_code == 404


def test_the_console_is_for_staff_of_the_point(client, mpp, make_service_point, make_staff):
    ticket_issue(actor=None, prefix=mpp.prefix_a)
    url = f"/antrian/loket/{mpp.counter1.pk}/"
    assert client.get(url).status_code == 302  # to the login page
    stranger = make_staff("petugas_loket", service_point=make_service_point("pasar-genteng"))
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    assert client.post(f"{url}call/").status_code == 404
    client.force_login(mpp.officer)
    client.post(f"{url}sign-in/")
    response = client.post(f"{url}call/", follow=True)
    assert "A-001" in response.text
    client.post(f"{url}start/")
    client.post(f"{url}finish/")
    assert Ticket.objects.get().status == "done"
    response = client.post(f"{url}finish/", follow=True)
    assert "Tidak ada tiket di loket ini." in response.text


def test_transfer_from_the_console(client, mpp):
    ticket_issue(actor=None, prefix=mpp.prefix_a)
    client.force_login(mpp.officer)
    url = f"/antrian/loket/{mpp.counter1.pk}/"
    client.post(f"{url}sign-in/")
    client.post(f"{url}call/")
    client.post(f"{url}transfer/", {"to_agency": mpp.samsat.pk})
    ticket = Ticket.objects.get()
    assert (ticket.status, ticket.agency_id) == ("transferred", mpp.samsat.pk)


def test_today_is_for_those_who_see_statistics(client, mpp):
    ticket_issue(actor=None, prefix=mpp.prefix_a)
    url = "/antrian/mpp-banyuwangi/hari-ini/"
    client.force_login(mpp.officer)  # petugas_loket: no queueing.view_stats
    assert client.get(url).status_code == 404
    client.force_login(mpp.manager)
    page = client.get(url)
    assert page.status_code == 200
    assert "Dispendukcapil" in page.text


def test_the_board_is_public_and_costs_six_queries(client, mpp, django_assert_num_queries):
    ticket_issue(actor=None, prefix=mpp.prefix_a)
    ticket_issue(actor=None, prefix=mpp.prefix_b)
    counter_sign_in(actor=mpp.officer, counter=mpp.counter1)
    counter_sign_in(actor=mpp.officer3, counter=mpp.counter3)
    ticket_call_next(actor=mpp.officer, counter=mpp.counter1)
    ticket_call_next(actor=mpp.officer3, counter=mpp.counter3)
    with django_assert_num_queries(6):
        state = board_state(service_point=mpp.point)
    assert {c["ticket"] for c in state["counters"]} == {"A-001", "B-001"}
    page = client.get("/antrian/papan/mpp-banyuwangi/")
    assert page.status_code == 200 and "A-001" in page.text
    assert mpp.officer.username not in page.text
    assert "<script>" not in page.text and "style=" not in page.text


def test_the_stream_sends_the_board_and_honours_last_event_id(client, mpp, settings):
    settings.QUEUE_STREAM_SECONDS = 0.3
    settings.QUEUE_STREAM_POLL_SECONDS = 0.05
    ticket_issue(actor=None, prefix=mpp.prefix_a)
    url = "/antrian/papan/mpp-banyuwangi/arus/"
    response = client.get(url)
    assert response["Content-Type"] == "text/event-stream"
    body = b"".join(response.streaming_content).decode()
    last = state_id = board_state(service_point=mpp.point)["last_event_id"]
    assert f"id: {state_id}\nevent: board\ndata: " in body
    # A client that already saw the newest event gets no board until something happens.
    quiet = b"".join(client.get(url, HTTP_LAST_EVENT_ID=str(last)).streaming_content).decode()
    assert quiet == "retry: 500\n\n"


def test_pages_speak_english_too(client, mpp):
    page = client.get("/en/antrian/mpp-banyuwangi/ambil/")
    assert "Take a queue number" in page.text and "Ambil nomor antrean" not in page.text
    board = client.get("/en/antrian/papan/mpp-banyuwangi/")
    assert "Latest calls" in board.text
