"""Provider adapters, one per channel, behind one small interface.

Each adapter hands one message to a provider and returns the provider's message id, or raises
`TransientError` (try again later: a timeout, a 5xx, a 429) or `PermanentError` (this message
will never go: a 4xx, no provider configured). Settings come from the environment
(settings.NOTIFY_*), read at send time.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.utils import make_msgid
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone

from balai.notifications.choices import NotifyChannel


class TransientError(Exception):
    """The provider could not take the message now; it may later."""


class PermanentError(Exception):
    """This message will not be taken, however often it is tried."""


@dataclass(frozen=True)
class Outgoing:
    to: str
    text: str
    subject: str = ""


class Provider(Protocol):
    name: str

    def send(self, message: Outgoing) -> str: ...


def _post_json(url: str, body: dict[str, Any], *, token: str) -> dict[str, Any]:
    request = urllib.request.Request(  # noqa: S310 - the URL is the configured provider
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.NOTIFY_TIMEOUT) as response:  # noqa: S310
            return json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        detail = exc.read()[:200].decode(errors="replace")
        if exc.code >= 500 or exc.code in (408, 429):
            raise TransientError(f"http {exc.code}: {detail}") from exc
        raise PermanentError(f"http {exc.code}: {detail}") from exc
    except (TimeoutError, urllib.error.URLError, ConnectionError) as exc:
        raise TransientError(f"network: {exc}") from exc
    except ValueError as exc:
        # The provider took the request but answered something we cannot read: do not resend
        # blindly (it may have gone out), treat it as lost.
        raise PermanentError(f"unreadable answer: {exc}") from exc


class WhatsAppCloud:
    """The WhatsApp Business Cloud API shape: POST {base}/{phone-number-id}/messages."""

    name = "whatsapp"

    def send(self, message: Outgoing) -> str:
        base, phone_id = settings.NOTIFY_WHATSAPP_URL, settings.NOTIFY_WHATSAPP_PHONE_ID
        if not base or not phone_id:
            raise PermanentError("whatsapp provider not configured")
        answer = _post_json(
            f"{base.rstrip('/')}/{phone_id}/messages",
            {
                "messaging_product": "whatsapp",
                "recipient_type": "individual",
                "to": message.to,
                "type": "text",
                "text": {"preview_url": True, "body": message.text},
            },
            token=settings.NOTIFY_WHATSAPP_TOKEN,
        )
        try:
            return str(answer["messages"][0]["id"])
        except (KeyError, IndexError, TypeError) as exc:
            raise PermanentError("whatsapp answer without a message id") from exc


class SmsGateway:
    """A plain HTTP SMS gateway: POST {url} {to, text, sender} → {message_id}."""

    name = "sms"

    def send(self, message: Outgoing) -> str:
        if not settings.NOTIFY_SMS_URL:
            raise PermanentError("sms provider not configured")
        answer = _post_json(
            settings.NOTIFY_SMS_URL,
            {"to": message.to, "text": message.text, "sender": settings.NOTIFY_SMS_SENDER},
            token=settings.NOTIFY_SMS_TOKEN,
        )
        if not answer.get("message_id"):
            raise PermanentError("sms answer without a message id")
        return str(answer["message_id"])


class DjangoMail:
    """E-mail through Django's configured mail backend (SMTP in production)."""

    name = "email"

    def send(self, message: Outgoing) -> str:
        message_id = make_msgid(domain="balai")
        email = EmailMessage(
            subject=message.subject,
            body=message.text,
            to=[message.to],
            headers={"Message-ID": message_id},
        )
        try:
            email.send(fail_silently=False)
        except (OSError, TimeoutError) as exc:
            raise TransientError(f"mail: {exc}") from exc
        return message_id


_PROVIDERS: dict[str, Provider] = {
    NotifyChannel.WHATSAPP: WhatsAppCloud(),
    NotifyChannel.SMS: SmsGateway(),
    NotifyChannel.EMAIL: DjangoMail(),
}


class DemoInbox:
    """The demo's provider for every channel: it keeps what it "delivered" in its own table,
    shown on the demo inbox page, so a visitor can read a sign-in code or a survey link."""

    name = "demo"

    def __init__(self, channel: str) -> None:
        self.channel = channel

    def send(self, message: Outgoing) -> str:
        from balai.notifications.models import DemoMessage

        row = DemoMessage.objects.create(
            channel=self.channel,
            to=message.to,
            subject=message.subject,
            text=message.text,
            delivered_at=timezone.now(),
        )
        return f"demo-{row.pk}"


def provider_for(channel: str) -> Provider:
    if settings.DEMO_MODE:
        return DemoInbox(channel)
    return _PROVIDERS[channel]
