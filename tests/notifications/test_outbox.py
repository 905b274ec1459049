"""The outbox against the fake providers on loopback: sending, retries with backoff, dead
messages and the SMS fallback, and delivery receipts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from balai.audit.models import AuditEvent
from balai.notifications.models import Notification
from balai.notifications.services import notify
from balai.notifications.worker import notifications_send_due

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)


def _queue(resident, **kwargs) -> Notification:
    n = notify(
        template="case_progress",
        context={
            "service": "Akta Kelahiran",
            "code": "ABCD-EFGH",
            "stage": "Diproses",
            "link": "http://balai.test/permohonan/lacak/?kode=ABCDEFGH",
        },
        regency_code="35.10",
        resident=resident,
        now=NOW,
        **kwargs,
    )
    assert n is not None
    return n


def test_a_queued_message_goes_to_the_registered_phone_on_whatsapp(fake_provider, make_resident):
    person = make_resident(phone="0812-3456-7890")
    n = _queue(person)
    assert n.address == "6281234567890" and n.state == "queued"

    result = notifications_send_due(now=NOW)

    assert result.sent == 1
    [sent] = fake_provider.sent()
    assert sent["channel"] == "whatsapp" and sent["to"] == "6281234567890"
    assert "ABCD-EFGH" in sent["text"] and person.nik not in sent["text"]
    n.refresh_from_db()
    assert n.state == "sent" and n.provider_message_id == sent["id"] and n.attempts == 1


def test_a_resident_without_a_mobile_number_gets_no_row(make_resident):
    assert (
        notify(
            template="case_progress",
            context={},
            regency_code="35.10",
            resident=make_resident(phone=""),
        )
        is None
    )
    assert (
        notify(
            template="case_progress",
            context={},
            regency_code="35.10",
            resident=make_resident(phone="0333-123"),
        )
        is None
    )
    assert not Notification.objects.exists()


def test_a_message_rolled_back_with_its_change_is_never_sent(fake_provider, make_resident):
    person = make_resident()
    with pytest.raises(RuntimeError), transaction.atomic():
        _queue(person)
        raise RuntimeError("the business change failed")
    assert notifications_send_due(now=NOW).sent == 0
    assert fake_provider.sent() == []


def test_5xx_and_timeouts_are_retried_later_with_a_growing_backoff(fake_provider, make_resident):
    n = _queue(make_resident())
    fake_provider.fail_next("whatsapp", 503, "timeout")

    assert notifications_send_due(now=NOW).retried == 1
    n.refresh_from_db()
    first_wait = (n.next_attempt_at - NOW).total_seconds()
    assert n.state == "queued" and n.attempts == 1 and "503" in n.last_error
    # base 30 s, equal jitter: between 15 and 30 seconds.
    assert 15 <= first_wait <= 30
    # Not due yet: a pass a second later sends nothing.
    assert notifications_send_due(now=NOW + dt.timedelta(seconds=1)).retried == 0

    later = n.next_attempt_at
    assert notifications_send_due(now=later).retried == 1
    n.refresh_from_db()
    second_wait = (n.next_attempt_at - later).total_seconds()
    assert n.attempts == 2 and "network" in n.last_error
    assert 30 <= second_wait <= 60

    assert notifications_send_due(now=n.next_attempt_at).sent == 1
    n.refresh_from_db()
    assert n.state == "sent" and n.attempts == 3 and len(fake_provider.sent()) == 1


def test_whatsapp_giving_up_makes_it_dead_and_sends_it_by_sms(fake_provider, make_resident):
    n = _queue(make_resident())
    fake_provider.fail_next("whatsapp", 503, 503, 503, 503)
    moment = NOW
    for _ in range(4):
        notifications_send_due(now=moment)
        n.refresh_from_db()
        moment = max(moment, n.next_attempt_at)
    assert n.state == "dead" and n.attempts == 4
    sms = Notification.objects.get(fallback_of=n)
    assert sms.channel == "sms" and sms.address == n.address and sms.text == n.text

    assert notifications_send_due(now=moment).sent == 1
    assert [m["channel"] for m in fake_provider.sent()] == ["sms"]
    event = AuditEvent.objects.get(action="notifications.dead")
    assert event.after["fallback"] == sms.pk and "6281234567890" not in str(event.after)


def test_a_4xx_is_permanent_at_once(fake_provider, make_resident):
    n = _queue(make_resident())
    fake_provider.fail_next("whatsapp", 400)
    assert notifications_send_due(now=NOW).dead == 1
    n.refresh_from_db()
    assert n.state == "dead" and n.attempts == 1
    assert Notification.objects.filter(fallback_of=n, channel="sms").count() == 1


def test_an_sms_that_dies_has_no_further_fallback(fake_provider, make_resident):
    n = _queue(make_resident(), channel="sms")
    fake_provider.fail_next("sms", 400)
    notifications_send_due(now=NOW)
    n.refresh_from_db()
    assert n.state == "dead" and not Notification.objects.filter(fallback_of=n).exists()


def test_an_unconfigured_provider_marks_the_message_dead(settings, make_resident):
    settings.NOTIFY_WHATSAPP_URL = ""
    settings.NOTIFY_SMS_URL = ""
    n = _queue(make_resident())
    notifications_send_due(now=NOW)
    notifications_send_due(now=NOW)
    n.refresh_from_db()
    assert n.state == "dead" and "not configured" in n.last_error
    assert Notification.objects.get(fallback_of=n).state == "dead"


def test_email_goes_through_the_django_mail_backend(make_staff):
    kades = make_staff("kepala_desa", region="35.10.05.2001", email="kades@desa.test")
    n = notify(
        template="case_escalated",
        context={
            "code": "ABCD-EFGH",
            "service": "SK Domisili",
            "due": "2 Maret 2026",
            "office": "Desa Sumberberas",
            "link": "http://balai.test/permohonan/1/",
        },
        regency_code="35.10",
        channel="email",
        user=kades,
        now=NOW,
    )
    assert notifications_send_due(now=NOW).sent == 1
    [message] = mail.outbox
    assert message.to == ["kades@desa.test"] and "ABCD-EFGH" in message.subject
    n.refresh_from_db()
    assert n.state == "sent" and n.provider_message_id == message.extra_headers["Message-ID"]


def test_a_message_left_sending_by_a_dead_worker_is_picked_up_again(fake_provider, make_resident):
    n = _queue(make_resident())
    Notification.objects.filter(pk=n.pk).update(state="sending", claimed_at=NOW)
    assert notifications_send_due(now=NOW + dt.timedelta(minutes=1)).sent == 0
    assert notifications_send_due(now=NOW + dt.timedelta(minutes=11)).sent == 1


# --- delivery receipts ------------------------------------------------------------------------
def _sent_message(fake_provider, make_resident) -> Notification:
    n = _queue(make_resident())
    notifications_send_due(now=NOW)
    n.refresh_from_db()
    return n


def _post(client, provider: str, body: bytes, signature: str):
    return client.post(
        f"/notifikasi/webhook/{provider}/",
        data=body,
        content_type="application/json",
        headers={"X-Hub-Signature-256": signature},
    )


def test_a_signed_delivered_receipt_is_applied_once(client, fake_provider, make_resident):
    n = _sent_message(fake_provider, make_resident)
    body, signature = fake_provider.whatsapp_receipt(n.provider_message_id, "delivered")

    first = _post(client, "whatsapp", body, signature)
    again = _post(client, "whatsapp", body, signature)

    assert first.status_code == 200 and first.json() == {"received": 1, "applied": 1}
    assert again.status_code == 200 and again.json() == {"received": 1, "applied": 0}
    n.refresh_from_db()
    assert n.state == "delivered" and n.final_at is not None
    assert AuditEvent.objects.filter(action="notifications.delivered").count() == 1


def test_a_late_sent_receipt_does_not_move_delivered_backwards(
    client, fake_provider, make_resident
):
    n = _sent_message(fake_provider, make_resident)
    for status in ("delivered", "sent", "read", "failed"):
        body, signature = fake_provider.whatsapp_receipt(n.provider_message_id, status)
        assert _post(client, "whatsapp", body, signature).status_code == 200
    n.refresh_from_db()
    assert n.state == "delivered"
    assert not Notification.objects.filter(fallback_of=n).exists()


def test_a_failed_whatsapp_receipt_falls_back_to_sms(client, fake_provider, make_resident):
    n = _sent_message(fake_provider, make_resident)
    body, signature = fake_provider.whatsapp_receipt(n.provider_message_id, "failed")
    _post(client, "whatsapp", body, signature)
    _post(client, "whatsapp", body, signature)
    n.refresh_from_db()
    assert n.state == "failed" and n.last_error == "Message undeliverable"
    sms = Notification.objects.get(fallback_of=n)
    notifications_send_due(now=timezone.now())
    sms.refresh_from_db()
    assert sms.state == "sent"
    body, signature = fake_provider.sms_receipt(sms.provider_message_id, "delivered")
    assert _post(client, "sms", body, signature).json()["applied"] == 1
    sms.refresh_from_db()
    assert sms.state == "delivered"


def test_an_unsigned_or_forged_receipt_changes_nothing(client, fake_provider, make_resident):
    n = _sent_message(fake_provider, make_resident)
    body, _signature = fake_provider.whatsapp_receipt(n.provider_message_id, "delivered")
    assert _post(client, "whatsapp", body, "").status_code == 403
    assert _post(client, "whatsapp", body, "sha256=" + "0" * 64).status_code == 403
    assert _post(client, "telegram", body, _signature).status_code == 404
    assert client.get("/notifikasi/webhook/whatsapp/").status_code == 405
    bad = b"[1, 2]"
    from balai.notifications.webhooks import signature_for

    assert _post(client, "whatsapp", bad, signature_for("receipt-secret", bad)).status_code == 400
    n.refresh_from_db()
    assert n.state == "sent"


def test_a_receipt_for_an_unknown_message_is_acknowledged_and_ignored(client, fake_provider):
    body, signature = fake_provider.sms_receipt("sms-999", "delivered")
    assert _post(client, "sms", body, signature).json() == {"received": 1, "applied": 0}


def test_the_worker_command_sends_one_pass(fake_provider, make_resident):
    from io import StringIO

    from django.core.management import call_command

    _queue(make_resident())
    out = StringIO()
    call_command("notifications-send", "--once", stdout=out)
    assert out.getvalue().strip() == "sent 1 retried 0 dead 0"
    assert len(fake_provider.sent("whatsapp")) == 1
