"""Channels and delivery states of a notification, defined once.

Delivery states are ordered (DESIGN.md, "Notifications never move backwards"): a late or
repeated receipt never turns a delivered message back into a sent one.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotifyChannel(models.TextChoices):
    WHATSAPP = "whatsapp", _("WhatsApp")
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")


class NotifyState(models.TextChoices):
    QUEUED = "queued", _("Antre")
    SENDING = "sending", _("Sedang dikirim")
    SENT = "sent", _("Terkirim ke penyedia")
    DELIVERED = "delivered", _("Diterima")
    FAILED = "failed", _("Gagal diterima")
    DEAD = "dead", _("Gagal dikirim")


# Receipts only move a message forward along this order; delivered, failed and dead are final.
STATE_RANK: dict[str, int] = {
    NotifyState.QUEUED: 0,
    NotifyState.SENDING: 1,
    NotifyState.SENT: 2,
    NotifyState.DELIVERED: 3,
    NotifyState.FAILED: 3,
    NotifyState.DEAD: 4,
}
FINAL_STATES = frozenset({NotifyState.DELIVERED, NotifyState.FAILED, NotifyState.DEAD})

# When a channel gives up for good, the message goes out once more on this one.
FALLBACK: dict[str, str] = {NotifyChannel.WHATSAPP: NotifyChannel.SMS}
