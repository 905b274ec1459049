"""The outbox: one row per message, written in the transaction of the change it reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from balai.notifications.choices import NotifyChannel, NotifyState


class Notification(models.Model):
    # Every table that grows with people carries its regency (docs/adr/0002-regency-key.md).
    regency_code = models.CharField(_("kode kabupaten"), max_length=5)
    recipient_resident = models.ForeignKey(
        "people.Resident",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penerima (warga)"),
    )
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penerima (petugas)"),
    )
    # The phone number (digits, 62…) or e-mail address, copied when queued: the message goes
    # where the register said at the time of the change.
    address = models.CharField(_("alamat tujuan"), max_length=254)
    channel = models.CharField(_("kanal"), max_length=10, choices=NotifyChannel.choices)
    template_code = models.CharField(_("templat"), max_length=60)
    subject = models.CharField(_("subjek"), max_length=200, blank=True)
    text = models.TextField(_("isi pesan"))
    object_type = models.CharField(_("jenis objek"), max_length=60, blank=True)
    object_id = models.CharField(_("id objek"), max_length=40, blank=True)

    state = models.CharField(
        _("status"), max_length=10, choices=NotifyState.choices, default=NotifyState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    next_attempt_at = models.DateTimeField(_("percobaan berikutnya"))
    claimed_at = models.DateTimeField(null=True, blank=True)
    provider = models.CharField(_("penyedia"), max_length=30, blank=True)
    provider_message_id = models.CharField(_("id pesan penyedia"), max_length=128, blank=True)
    last_error = models.CharField(_("galat terakhir"), max_length=300, blank=True)
    # The SMS sent because this WhatsApp message could not be delivered points back to it.
    fallback_of = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="fallback"
    )
    created_at = models.DateTimeField(_("dibuat pada"))
    sent_at = models.DateTimeField(_("terkirim pada"), null=True, blank=True)
    final_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="notify_due"),
            models.Index(fields=["object_type", "object_id"], name="notify_object"),
            models.Index(fields=["regency_code", "created_at"], name="notify_regency_created"),
        ]
        constraints = [
            # A provider's receipt names its own message id: one row per id, so a repeated
            # receipt finds the same row and changes nothing.
            models.UniqueConstraint(
                fields=["provider", "provider_message_id"],
                condition=~Q(provider_message_id=""),
                name="notify_provider_message_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel}:{self.template_code}:{self.pk}"


class DemoMessage(models.Model):
    """What the demo's provider "delivered": its own record, kept apart from the outbox so
    the demo inbox still shows a sign-in code after the outbox has redacted it."""

    channel = models.CharField(_("kanal"), max_length=10, choices=NotifyChannel.choices)
    to = models.CharField(_("kepada"), max_length=254)
    subject = models.CharField(_("subjek"), max_length=200, blank=True)
    text = models.TextField(_("isi"))
    delivered_at = models.DateTimeField(_("dikirim pada"))

    class Meta:
        verbose_name = _("pesan demo")
        verbose_name_plural = _("pesan demo")
        ordering = ["-delivered_at", "-id"]

    def __str__(self) -> str:
        return f"{self.channel}:{self.to}"
