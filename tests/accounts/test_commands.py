"""Operator commands: API tokens and staff accounts."""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from balai.accounts.models import ApiToken, StaffRole, User
from balai.audit.models import AuditEvent
from tests.fixtures import VILLAGE


def run(*args, env_password=None, monkeypatch=None):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_token_create_prints_the_key_once_and_stores_only_its_hash(make_staff, client):
    user = make_staff("operator_desa", region=VILLAGE, username="sri")
    out, err = run("token", "create", "--user", "sri", "--name", "aplikasi desa", "--days", "30")
    key = out.strip()
    token = ApiToken.objects.get()
    assert len(key) >= 40 and key not in err
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {token.name, token.key_hash} and token.prefix == key[:8]
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    assert token.user == user
    assert AuditEvent.objects.filter(action="accounts.token_created").exists()
    response = client.get("/api/v1/regions/35.10", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200


def test_token_revoke_stops_the_key(make_staff, client):
    make_staff("operator_desa", region=VILLAGE, username="sri")
    key = run("token", "create", "--user", "sri", "--name", "x")[0].strip()
    out, _ = run("token", "revoke", key[:8])
    assert "revoked" in out
    assert ApiToken.objects.get().revoked_at is not None
    response = client.get("/api/v1/regions/35.10", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    with pytest.raises(CommandError, match="no live token"):
        run("token", "revoke", key[:8])


def test_an_expired_token_is_refused(make_staff, client):
    make_staff("operator_desa", region=VILLAGE, username="sri")
    key = run("token", "create", "--user", "sri", "--name", "x", "--days", "1")[0].strip()
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get("/api/v1/regions/35.10", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 401


def test_token_for_an_unknown_user_is_refused(db):
    with pytest.raises(CommandError, match="no active user"):
        run("token", "create", "--user", "siapa", "--name", "x")


def test_staff_create_with_region_and_list(regions, monkeypatch):
    monkeypatch.setenv("STAFF_PW", "Kata-Sandi-Panjang-1")
    out, _ = run(
        "staff",
        "create",
        "--username",
        "budi",
        "--role",
        "operator_desa",
        "--region",
        VILLAGE,
        "--password-env",
        "STAFF_PW",
    )
    assert "created budi" in out
    user = User.objects.get(username="budi")
    assert user.check_password("Kata-Sandi-Panjang-1")
    assert not user.is_staff  # a village operator never opens the Django admin
    assert StaffRole.objects.get(user=user).region_id == VILLAGE
    listing, _ = run("staff", "list")
    assert "budi\toperator_desa\t35.10.05.2001" in listing


def test_staff_create_admin_role_opens_the_admin(regions, monkeypatch):
    monkeypatch.setenv("STAFF_PW", "Kata-Sandi-Panjang-1")
    run(
        "staff",
        "create",
        "--username",
        "admin1",
        "--role",
        "admin_kabupaten",
        "--region",
        "35.10",
        "--password-env",
        "STAFF_PW",
    )
    assert User.objects.get(username="admin1").is_staff


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "operator_desa", "--region", "35.10.05"], "tingkat"),
        (["--role", "operator_desa"], "wajib dibatasi"),
        (["--role", "operator_desa", "--region", "99.99.99.9999"], "tidak ada"),
        (["--role", "petugas_instansi", "--agency", "tidakada"], "no agency"),
    ],
)
def test_staff_create_refuses_a_wrong_scope_and_writes_nothing(regions, monkeypatch, args, message):
    monkeypatch.setenv("STAFF_PW", "Kata-Sandi-Panjang-1")
    events = AuditEvent.objects.count()
    with pytest.raises(CommandError, match=message):
        run("staff", "create", "--username", "x", "--password-env", "STAFF_PW", *args)
    assert not User.objects.filter(username="x").exists()
    assert AuditEvent.objects.count() == events


def test_staff_create_refuses_a_weak_password(regions, monkeypatch):
    monkeypatch.setenv("STAFF_PW", "12345678")
    with pytest.raises(CommandError):
        run(
            "staff",
            "create",
            "--username",
            "lemah",
            "--role",
            "operator_desa",
            "--region",
            VILLAGE,
            "--password-env",
            "STAFF_PW",
        )
    assert not User.objects.filter(username="lemah").exists()


def test_a_token_expires_by_default_after_the_configured_days(make_staff, settings):
    settings.API_TOKEN_DAYS = 7
    make_staff("operator_desa", region=VILLAGE, username="sri")
    run("token", "create", "--user", "sri")
    token = ApiToken.objects.get()
    assert token.name == "cli"
    assert timedelta(days=6) < token.expires_at - timezone.now() <= timedelta(days=7)
