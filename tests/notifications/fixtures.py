"""The fake WhatsApp and SMS providers on loopback, wired in through settings."""

from __future__ import annotations

import pytest

from tests.notifications.fake_provider import PHONE_ID, TOKEN, WEBHOOK_SECRET, FakeProvider


@pytest.fixture
def fake_provider(settings):
    with FakeProvider() as fake:
        settings.NOTIFY_WHATSAPP_URL = f"{fake.url}/wa"
        settings.NOTIFY_WHATSAPP_PHONE_ID = PHONE_ID
        settings.NOTIFY_WHATSAPP_TOKEN = TOKEN
        settings.NOTIFY_WHATSAPP_WEBHOOK_SECRET = WEBHOOK_SECRET
        settings.NOTIFY_SMS_URL = f"{fake.url}/sms"
        settings.NOTIFY_SMS_TOKEN = TOKEN
        settings.NOTIFY_SMS_WEBHOOK_SECRET = WEBHOOK_SECRET
        settings.NOTIFY_TIMEOUT = 0.5
        settings.NOTIFY_MAX_ATTEMPTS = 4
        settings.NOTIFY_BACKOFF_BASE = 30
        settings.NOTIFY_BACKOFF_MAX = 3600
        yield fake
