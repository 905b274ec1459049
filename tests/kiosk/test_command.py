"""`balai kiosk register|list|revoke` for an operator at the server."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from balai.audit.models import AuditEvent
from balai.kiosk.models import KioskDevice
from balai.kiosk.selectors import device_for_token
from tests.kiosk.conftest import POINT

pytestmark = pytest.mark.django_db


def _run(*args):
    out = io.StringIO()
    call_command("kiosk", *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_register_prints_the_token_once_then_list_and_revoke(point):
    (row,) = _run("register", "--point", POINT, "--name", "Lobi", "--idle-seconds", "30")
    device = KioskDevice.objects.get()
    assert device_for_token(row["token"]) == device and device.idle_seconds == 30
    (listed,) = _run("list")
    assert "token" not in listed and listed["token_prefix"] == row["token"][:8]
    (revoked,) = _run("revoke", row["token_prefix"], "--reason", "pindah ruangan")
    assert revoked["revoked_at"] and device_for_token(row["token"]) is None
    assert AuditEvent.objects.filter(action="kiosk.device_revoke", actor=None).count() == 1


def test_unknown_point_and_device_are_refused(point):
    with pytest.raises(CommandError):
        _run("register", "--point", "tidak-ada", "--name", "A")
    with pytest.raises(CommandError):
        _run("revoke", "ABCDEFGH", "--reason", "x")
