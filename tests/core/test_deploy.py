"""Production settings pass Django's deployment checks, and pages carry the strict headers."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _clean_environ() -> dict[str, str]:
    # The test process's own knobs (test database, async override) are not production's.
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BALAI_", "DJANGO_")) and k != "PYTEST_CURRENT_TEST"
    }


def _production(tmp_path, **extra: str) -> dict[str, str]:
    return {
        **_clean_environ(),
        "BALAI_ENV": "production",
        "BALAI_SECRET_KEY": secrets.token_urlsafe(48)[:60],
        "BALAI_KEY_PASSPHRASE": secrets.token_urlsafe(24),
        "BALAI_ALLOWED_HOSTS": "balai.example.id",
        "BALAI_TRUSTED_PROXIES": "10.0.0.2",
        "BALAI_OSS_URL": "https://oss.example.id/api",
        "BALAI_VAR_DIR": str(tmp_path),
        "BALAI_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "balai.settings",
        **extra,
    }


def _balai(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "balai", *args],
        cwd=ROOT,
        env={k: v for k, v in env.items() if v is not None},
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_passes_with_no_warnings(tmp_path):
    result = _balai(_production(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    # Silenced: models.W040 (settings.SILENCED_SYSTEM_CHECKS), seen once databases are checked.
    assert "identified no issues" in result.stdout


def test_a_short_secret_key_is_refused_in_production(tmp_path):
    env = {
        **_clean_environ(),
        "BALAI_ENV": "production",
        "BALAI_SECRET_KEY": "pendek",
        "BALAI_ALLOWED_HOSTS": "balai.example.id",
        "BALAI_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "balai", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "BALAI_SECRET_KEY" in result.stderr


def test_signed_in_pages_are_private_and_framed_nowhere(client, make_staff):
    client.force_login(make_staff("operator_desa", region="35.10.05.2001"))
    response = client.get("/penduduk/")
    assert response["Cache-Control"] == "no-store, private"
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("missing", "named"),
    [
        ("BALAI_SECRET_KEY", "BALAI_SECRET_KEY"),
        ("BALAI_KEY_PASSPHRASE", "BALAI_KEY_PASSPHRASE"),
        ("BALAI_ALLOWED_HOSTS", "BALAI_ALLOWED_HOSTS"),
    ],
)
def test_without_balai_env_a_server_is_production_and_refuses_without_its_secrets(
    tmp_path, missing, named
):
    env = _production(tmp_path)
    del env["BALAI_ENV"]  # unset: production, not development
    del env[missing]
    result = _balai(env, "check")
    assert result.returncode != 0
    assert named in result.stderr


def test_debug_is_refused_in_production(tmp_path):
    result = _balai(_production(tmp_path, BALAI_DEBUG="1"), "check")
    assert result.returncode != 0 and "BALAI_DEBUG" in result.stderr


def test_check_deploy_fails_on_a_development_server(tmp_path):
    env = {**_clean_environ(), "BALAI_ENV": "development", "BALAI_VAR_DIR": str(tmp_path)}
    result = _balai(env, "check", "--deploy")
    assert result.returncode != 0
    for code in ("balai.E001", "balai.E002", "balai.E003", "balai.E004", "balai.E005"):
        assert code in result.stderr + result.stdout


def test_uploaded_files_are_never_served_by_url(client, settings, make_staff):
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "ktp.pdf").write_bytes(b"%PDF-1.4 ktp")
    assert client.get("/media/ktp.pdf").status_code == 404
    client.force_login(make_staff("admin_kabupaten", region="35.10"))
    assert client.get("/media/ktp.pdf").status_code == 404
