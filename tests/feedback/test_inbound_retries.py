"""A provider that retries its webhook (its answer got lost) files the message once."""

import json
import threading

import pytest
from django.db import connection
from django.test import override_settings

from balai.feedback.complaint_services import ComplaintIn, complaint_submit
from balai.feedback.inbound import signature_for
from balai.feedback.models import Complaint
from tests.feedback.test_complaint_flow import SECRET, _post


def _message(message_id: str = "wamid.HBgMNjI4MTIzMzM0NDQ1NRUCABIYFjNFQjA") -> bytes:
    return json.dumps(
        {
            "channel": "whatsapp",
            "sender": "+6281233344455",
            "text": "Lampu penerangan jalan di dusun Krajan mati sejak seminggu.",
            "message_id": message_id,
        }
    ).encode()


@pytest.mark.django_db(transaction=True)
@override_settings(FEEDBACK_INBOUND_SECRET=SECRET)
def test_the_same_message_id_twice_is_one_complaint_and_answers_200(live_server, regions):
    body = _message()
    first_status, first = _post(live_server, body, signature_for(body=body, secret=SECRET))
    again_status, again = _post(live_server, body, signature_for(body=body, secret=SECRET))
    assert (first_status, again_status) == (201, 200)
    assert first["tracking_code"] == again["tracking_code"]
    assert Complaint.objects.count() == 1
    other = _message("wamid.another")
    assert _post(live_server, other, signature_for(body=other, secret=SECRET))[0] == 201
    assert Complaint.objects.count() == 2


@pytest.mark.django_db
def test_messages_without_an_id_are_never_taken_for_each_other(regions):
    data = ComplaintIn(
        channel="sms",
        category="lainnya",
        text="Air PDAM keruh tiga hari.",
        contact="081233344455",
        region_code="35.10",
    )
    one, two = complaint_submit(data=data), complaint_submit(data=data)
    assert one.pk != two.pk and not one.replayed and not two.replayed


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_eight_deliveries_of_one_message_at_once_file_one_complaint(regions):
    data = ComplaintIn(
        channel="whatsapp",
        category="lainnya",
        text="Jembatan dusun Krajan retak.",
        contact="+6281233344455",
        region_code="35.10",
        source_message_id="wamid.same-at-once",
    )
    barrier = threading.Barrier(8)
    codes: list[str] = []
    errors: list[Exception] = []

    def deliver() -> None:
        try:
            barrier.wait()
            codes.append(complaint_submit(data=data).tracking_code)
        except Exception as exc:  # collected and asserted on below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(codes) == 8 and len(set(codes)) == 1
    assert Complaint.objects.count() == 1
