"""Production settings pass Django's deployment checks, and pages carry the strict headers."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _clean_environ() -> dict[str, str]:
    # The test process's own knobs (test database, async override) are not production's.
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BALAI_", "DJANGO_")) and k != "PYTEST_CURRENT_TEST"
    }


def test_check_deploy_passes_with_no_warnings(tmp_path):
    env = {
        **_clean_environ(),
        "BALAI_ENV": "production",
        "BALAI_SECRET_KEY": secrets.token_urlsafe(48)[:60],
        "BALAI_ALLOWED_HOSTS": "balai.example.id",
        "BALAI_VAR_DIR": str(tmp_path),
        "BALAI_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "balai.settings",
    }
    result = subprocess.run(
        [sys.executable, "-m", "balai", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
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
