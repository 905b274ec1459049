"""Sign-in limits behind the TLS proxy: per account and per client address, separately, with
the address taken from the trusted proxy only; a locked account still opens with an e-mailed
code, and its locks grow instead of lasting for ever."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from balai.accounts.models import LoginThrottle
from balai.audit.models import AuditEvent
from balai.notifications.messages import REDACTED
from balai.notifications.models import Notification
from tests.fixtures import PASSWORD, VILLAGE

LOGIN = "/akun/masuk/"
PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def _behind_the_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    settings.LOGIN_MAX_FAILURES = 5
    settings.LOGIN_MAX_FAILURES_PER_IP = 20


@pytest.fixture
def sri(make_staff):
    return make_staff("operator_desa", region=VILLAGE, username="sri", email="sri@desa.id")


def _via_proxy(client, username, password, client_addr, **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_addr,
        **extra,
    )


def test_made_up_names_from_one_client_do_not_shut_out_the_office(client, sri):
    for n in range(6):
        _via_proxy(client, f"palsu{n}", "salah", "203.0.113.9")
    response = _via_proxy(client, "sri", PASSWORD, "198.51.100.7")
    assert response.status_code == 302
    event = AuditEvent.objects.filter(action="accounts.login").latest("seq")
    assert event.ip == "198.51.100.7"


def test_the_address_limit_counts_the_client_not_the_proxy(client, sri, settings):
    settings.LOGIN_MAX_FAILURES_PER_IP = 3
    for n in range(3):
        _via_proxy(client, f"palsu{n}", "salah", "203.0.113.9")
    assert _via_proxy(client, "sri", PASSWORD, "203.0.113.9").status_code == 429
    assert _via_proxy(client, "sri", PASSWORD, "198.51.100.7").status_code == 302


def test_a_forwarded_header_from_outside_the_proxy_is_not_believed(client, sri, settings):
    settings.LOGIN_MAX_FAILURES_PER_IP = 3
    for n in range(3):
        client.post(
            LOGIN,
            {"username": f"palsu{n}", "password": "salah"},
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    assert LoginThrottle.objects.filter(key="ip:203.0.113.9", attempts=3).exists()
    assert not LoginThrottle.objects.filter(key__startswith="ip:192.0.2.").exists()


def test_a_locked_account_still_opens_with_the_emailed_code(client, sri):
    for n in range(6):
        _via_proxy(client, "sri", "salah", f"203.0.113.{n}")
    assert _via_proxy(client, "sri", PASSWORD, "198.51.100.7").status_code == 429
    client.post(
        "/akun/masuk/kode/",
        {"step": "send", "username": "sri"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    message = Notification.objects.get(template_code="staff_login_code")
    assert message.address == "sri@desa.id"
    code = re.search(r"\b(\d{6})\b", message.text).group(1)
    response = client.post(
        "/akun/masuk/kode/",
        {"username": "sri", "password": PASSWORD, "code": code},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(sri.pk)
    # Used once: the same code does not open it again.
    client.logout()
    again = client.post(
        "/akun/masuk/kode/", {"username": "sri", "password": PASSWORD, "code": code}
    )
    assert again.status_code == 200 and "_auth_user_id" not in client.session


def test_asking_for_a_code_says_the_same_for_unknown_accounts(client, sri):
    known = client.post("/akun/masuk/kode/", {"step": "send", "username": "sri"})
    unknown = client.post("/akun/masuk/kode/", {"step": "send", "username": "tidakada"})
    assert known.status_code == unknown.status_code == 200
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|value="(sri|tidakada)"')
    assert strip.sub("", known.content.decode()) == strip.sub("", unknown.content.decode())


def test_a_wrong_code_does_not_sign_in(client, sri):
    client.post("/akun/masuk/kode/", {"step": "send", "username": "sri"})
    response = client.post(
        "/akun/masuk/kode/", {"username": "sri", "password": PASSWORD, "code": "000000"}
    )
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_each_further_lockout_of_an_account_lasts_longer(client, sri, settings):
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 600
    waits = []
    for _round in range(3):
        for n in range(6):
            _via_proxy(client, "sri", "salah", f"203.0.113.{n}")
        row = LoginThrottle.objects.get(key="user:sri")
        waits.append((row.locked_until - timezone.now()).total_seconds())
        # Time passes: the lock is over.
        LoginThrottle.objects.filter(pk=row.pk).update(
            locked_until=timezone.now() - timedelta(seconds=1),
            window_started_at=timezone.now() - timedelta(seconds=601),
        )
    assert waits[0] < waits[1] < waits[2]


def test_sent_sign_in_codes_are_blanked_in_the_outbox(client, sri):
    from balai.notifications.worker import notifications_send_due

    client.post("/akun/masuk/kode/", {"step": "send", "username": "sri"})
    notifications_send_due()
    message = Notification.objects.get(template_code="staff_login_code")
    assert message.text == REDACTED
