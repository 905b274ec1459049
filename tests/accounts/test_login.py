"""Signing in: the form, wrong credentials, the rate limit, idle sessions and logout."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.contrib.sessions.models import Session
from django.test import override_settings
from django.utils import timezone

from balai.accounts.models import LoginFailure, LoginThrottle
from balai.audit.models import AuditEvent
from tests.fixtures import PASSWORD, VILLAGE

LOGIN = "/akun/masuk/"
WRONG = "Nama pengguna atau kata sandi salah."


def _post(client, username, password, ip="10.0.0.1", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip, **extra)


@pytest.fixture
def operator(make_staff):
    return make_staff("operator_desa", region=VILLAGE, username="sri")


def test_login_form_is_indonesian_and_has_no_inline_code(client, db):
    response = client.get(LOGIN)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nama pengguna" in html and "Kata sandi" in html
    # Scripts only from files (the menu button); never inline code.
    assert not re.search(r"<script(?![^>]*\bsrc=)", html) and "style=" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.argon2
def test_passwords_are_hashed_with_argon2(operator):
    assert identify_hasher(operator.password).algorithm == "argon2"


def test_login_succeeds_goes_home_and_is_audited(client, operator):
    response = _post(client, "sri", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").context["user"] == operator
    event = AuditEvent.objects.get(action="accounts.login")
    assert event.actor == operator and event.ip == "10.0.0.1"


def test_login_follows_a_local_next_but_not_another_site(client, operator):
    response = client.post(
        LOGIN + "?next=/penduduk/", {"username": "sri", "password": PASSWORD, "next": "/penduduk/"}
    )
    assert response["Location"] == "/penduduk/"
    client.logout()
    response = _post(client, "sri", PASSWORD, next="https://evil.example/")
    assert response["Location"] == "/"


@pytest.mark.parametrize(
    ("username", "password"), [("sri", "salah-sekali"), ("tidakada", PASSWORD)]
)
def test_wrong_username_or_password_gets_the_same_message(client, operator, username, password):
    response = _post(client, username, password)
    html = response.content.decode()
    assert response.status_code == 200
    assert WRONG in html
    assert "_auth_user_id" not in client.session
    assert LoginFailure.objects.filter(username=username).count() == 1
    assert AuditEvent.objects.filter(action="accounts.login_failed", object_id=username).exists()


def test_empty_form_asks_for_both_fields(client, db):
    html = client.post(LOGIN, {}).content.decode()
    assert "Isi nama pengguna." in html and "Isi kata sandi." in html


@override_settings(LOGIN_MAX_FAILURES=3, LOGIN_FAILURE_WINDOW_SECONDS=600)
def test_too_many_failures_for_a_username_lock_it_even_with_the_right_password(client, operator):
    for n in range(3):
        _post(client, "sri", "salah", ip=f"10.0.1.{n}")
    response = _post(client, "sri", PASSWORD, ip="10.0.2.1")
    html = response.content.decode()
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk. Coba lagi dalam 10 menit." in html
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="accounts.login_locked", object_id="sri").exists()


@override_settings(
    LOGIN_MAX_FAILURES=3, LOGIN_MAX_FAILURES_PER_IP=3, LOGIN_FAILURE_WINDOW_SECONDS=600
)
def test_too_many_failures_from_one_address_lock_that_address(client, operator):
    for name in ("a", "b", "c"):
        _post(client, name, "salah", ip="10.9.9.9")
    assert _post(client, "sri", PASSWORD, ip="10.9.9.9").status_code == 429
    assert _post(client, "sri", PASSWORD, ip="10.9.9.8").status_code == 302


@override_settings(LOGIN_MAX_FAILURES=3, LOGIN_FAILURE_WINDOW_SECONDS=600)
def test_failures_older_than_the_window_do_not_count(client, operator):
    for n in range(3):
        _post(client, "sri", "salah", ip=f"10.0.3.{n}")
    LoginThrottle.objects.update(window_started_at=timezone.now() - timedelta(seconds=601))
    assert _post(client, "sri", PASSWORD).status_code == 302


@override_settings(LOGIN_MAX_FAILURES=3, LOGIN_FAILURE_WINDOW_SECONDS=600)
def test_the_wait_shown_counts_down_from_the_lock(client, operator):
    for n in range(4):
        _post(client, "sri", "salah", ip=f"10.0.4.{n}")
    LoginThrottle.objects.filter(key="user:sri").update(
        locked_until=timezone.now() + timedelta(seconds=170)
    )
    html = _post(client, "sri", PASSWORD).content.decode()
    assert "Coba lagi dalam 3 menit." in html


@override_settings(LOGIN_MAX_FAILURES=3)
def test_a_success_clears_that_usernames_failures(client, operator):
    _post(client, "sri", "salah")
    _post(client, "sri", "salah")
    assert _post(client, "sri", PASSWORD).status_code == 302
    assert not LoginFailure.objects.filter(username="sri").exists()


def test_an_inactive_account_cannot_sign_in(client, operator):
    operator.is_active = False
    operator.save()
    assert WRONG in _post(client, "sri", PASSWORD).content.decode()


def test_an_idle_session_is_sent_back_to_login(client, operator):
    client.force_login(operator)
    assert client.get("/penduduk/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/penduduk/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/?next=/penduduk/")


def test_each_request_pushes_the_idle_expiry_forward(client, operator, settings):
    client.force_login(operator)
    Session.objects.update(expire_date=timezone.now() + timedelta(seconds=5))
    client.get("/")
    expiry = Session.objects.get().expire_date
    assert expiry > timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_logout_is_post_only_and_audited(client, operator):
    client.force_login(operator)
    assert client.get("/akun/keluar/").status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post("/akun/keluar/")
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="accounts.logout", actor=operator).exists()


def test_login_page_in_english_through_the_language_switch(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": LOGIN})
    html = client.get("/en" + LOGIN).content.decode()
    assert "Username" in html and "Password" in html


@override_settings(LOGIN_FAILURE_WINDOW_SECONDS=600)
def test_failures_past_the_window_are_dropped_on_the_next_failure(client, operator):
    _post(client, "sri", "salah")
    LoginFailure.objects.update(created_at=timezone.now() - timedelta(seconds=601))
    _post(client, "budi", "salah")
    assert list(LoginFailure.objects.values_list("username", flat=True)) == ["budi"]
