"""Honest failure: a batch that cannot reach OSS says why and never starts; `balai check`
names the setting."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse

from balai.outreach.models import OutreachBatch
from tests.fixtures import PASSWORD


@pytest.mark.parametrize("url", ["", "127.0.0.1:8700"])
def test_a_batch_without_a_usable_oss_url_says_why_and_does_not_start(
    client, officer, event, settings, url
):
    settings.LICENSING_OSS_URL = url
    settings.OUTREACH_BATCH_INLINE = False
    client.login(username=officer.username, password=PASSWORD)
    page = client.post(reverse("outreach:batch", args=[event.pk]), follow=True)
    html = page.content.decode()
    assert "Pengiriman ke OSS tidak dapat dimulai" in html
    assert "LICENSING_OSS_URL" in html
    # No run is left behind for the progress poller to wait on.
    assert not OutreachBatch.objects.filter(event=event).exists()
    assert client.get(reverse("outreach:progress", args=[event.pk])).json() == {"status": "none"}


def test_a_batch_that_dies_outside_its_run_is_marked_failed(officer, event):
    from balai.outreach.choices import BatchStatus
    from balai.outreach.services import batch_fail, batch_start

    batch = batch_start(actor=officer, event=event)
    failed = batch_fail(batch=batch, error="RuntimeError: worker lost")
    assert failed.status == BatchStatus.FAILED and failed.finished_at is not None
    # A batch already over is left as it ended.
    assert batch_fail(batch=batch, error="again").error == "RuntimeError: worker lost"


def test_balai_check_names_the_setting_when_the_url_is_malformed(settings):
    settings.LICENSING_OSS_URL = "oss.example.id/api"
    with pytest.raises(SystemCheckError, match="LICENSING_OSS_URL"):
        call_command("check", stdout=io.StringIO(), stderr=io.StringIO())


def test_balai_check_fails_in_production_without_the_url(settings):
    settings.LICENSING_OSS_URL = ""
    settings.PRODUCTION = True
    with pytest.raises(SystemCheckError, match=r"licensing\.E001.*LICENSING_OSS_URL"):
        call_command("check", stdout=io.StringIO(), stderr=io.StringIO())


def test_balai_check_warns_in_development_without_the_url(settings):
    settings.LICENSING_OSS_URL = ""
    settings.PRODUCTION = False
    out = io.StringIO()
    call_command("check", stdout=out, stderr=out)
    assert "licensing.W001" in out.getvalue() and "LICENSING_OSS_URL" in out.getvalue()


def test_balai_check_is_clean_with_a_usable_url(settings):
    settings.LICENSING_OSS_URL = "http://127.0.0.1:8700"
    out = io.StringIO()
    call_command("check", stdout=out, stderr=out)
    assert "licensing." not in out.getvalue()
