"""Telling a village of its outreach day queues one message per resident with a phone."""

import pytest

from balai.notifications.models import Notification
from balai.outreach.services import event_notify
from tests.fixtures import OTHER_VILLAGE

pytestmark = pytest.mark.django_db


def test_each_living_resident_with_a_phone_gets_one_message_and_nobody_else(
    event, officer, make_resident
):
    told = [make_resident(phone="081234567801"), make_resident(phone="+62 812-3456-7802")]
    make_resident(phone="")  # no phone: the village office tells them
    make_resident(phone="081234567803", status="meninggal", status_date="2026-01-02")
    make_resident(village=OTHER_VILLAGE, phone="081234567804")

    assert event_notify(actor=officer, event=event) == 2
    messages = Notification.objects.order_by("recipient_resident_id")
    assert [m.recipient_resident_id for m in messages] == [r.pk for r in told]
    assert {m.address for m in messages} == {"6281234567801", "6281234567802"}
    text = messages[0].text
    assert "Bupati Ngantor di Desa Sumberberas" in text and "5 Desember 2026" in text
    assert all(r.nik not in text for r in told)
    assert {m.object_id for m in messages} == {str(event.pk)}
    event.refresh_from_db()
    assert event.notified_count == 2
