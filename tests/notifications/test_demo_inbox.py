"""The demo inbox: in demo mode every message lands in the demo's own store and shows on one
page, so an online sign-in works end to end without a phone; elsewhere the page is absent."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings

from balai.citizens.services import pin_set
from balai.citizens.sign_in import sign_in_finish, sign_in_start
from balai.notifications.models import DemoMessage, Notification
from tests.fixtures import VILLAGE

pytestmark = pytest.mark.django_db
PIN = "258369"
URL = "/notifikasi/demo/"


@pytest.fixture
def citizen(make_staff, make_resident):
    person = make_resident(phone="0812 3456 7890")
    pin_set(actor=make_staff("operator_desa", region=VILLAGE), resident=person, pin=PIN)
    return person


@override_settings(DEMO_MODE=True)
def test_a_sign_in_code_is_read_from_the_demo_inbox_and_works(client, citizen):
    pending = sign_in_start(nik=citizen.nik, pin=PIN)
    page = client.get(URL, {"ke": "0812-3456-7890"})
    assert page.status_code == 200
    text = page.content.decode()
    code = re.search(r"\b(\d{6})\b", text.split("demo-message", 1)[1]).group(1)
    assert sign_in_finish(pending_id=pending.pk, code=code) == citizen
    assert citizen.nik not in text
    # The outbox row was handed to the demo provider, not left queued for a real gateway.
    [n] = Notification.objects.filter(object_type="citizens.signincode")
    assert (n.state, n.provider) == ("sent", "demo")


@override_settings(DEMO_MODE=True)
def test_the_demo_keeps_its_own_copy_when_the_outbox_text_is_gone(client, citizen):
    sign_in_start(nik=citizen.nik, pin=PIN)
    client.get(URL)
    Notification.objects.update(text="[disunting]")
    assert "[disunting]" not in client.get(URL).content.decode()
    assert DemoMessage.objects.count() == 1


@override_settings(DEMO_MODE=True)
def test_the_filter_shows_only_that_recipient(client, citizen, make_resident):
    sign_in_start(nik=citizen.nik, pin=PIN)
    page = client.get(URL, {"ke": "0899 0000 0000"}).content.decode()
    assert "demo-message" not in page and "Belum ada pesan" in page


def test_there_is_no_demo_inbox_outside_demo_mode(client, citizen):
    sign_in_start(nik=citizen.nik, pin=PIN)
    assert client.get(URL).status_code == 404
    assert not DemoMessage.objects.exists()
