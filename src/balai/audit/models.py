"""Append-only audit events, integrated into one transparency log per regency.

A change's transaction inserts its event and takes no shared lock. The sequencer
(services.audit_integrate) later gives committed events their place in the regency's log: a
contiguous `seq`, the link to the event before (`prev_hash`) and a leaf of the log's Merkle tree,
whose signed checkpoints are published outside the database (see docs/apps/audit.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Events that belong to no regency (a national admin's action) form their own chain.
GLOBAL_CHAIN = "-"


class ChainHead(models.Model):
    """The newest integrated event of one regency's log and the right edge of its Merkle tree.
    Locked only by the sequencer, once per batch, never by the writers of events."""

    chain = models.CharField(max_length=5, primary_key=True)
    seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)
    # [[height, hex digest], ...]: the perfect subtrees along the right edge (merkle.Frontier).
    frontier = models.JSONField(default=list, blank=True)
    integrated_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.chain}#{self.seq}"


class AuditEvent(models.Model):
    chain = models.CharField(_("rantai"), max_length=5)
    # Empty until the sequencer integrates the event; set once, then frozen by the trigger.
    seq = models.BigIntegerField(_("urutan"), null=True, blank=True)
    occurred_at = models.DateTimeField(_("waktu"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pelaku"),
    )
    # Kept in text too: the event must still say who acted if the account is renamed.
    actor_label = models.CharField(_("nama pelaku"), max_length=200, blank=True)
    action = models.CharField(_("tindakan"), max_length=80, db_index=True)
    object_type = models.CharField(_("jenis objek"), max_length=80, blank=True)
    object_id = models.CharField(_("id objek"), max_length=64, blank=True)
    region_code = models.CharField(_("wilayah"), max_length=13, blank=True)
    before = models.JSONField(_("sebelum"), null=True, blank=True)
    after = models.JSONField(_("sesudah"), null=True, blank=True)
    request_id = models.CharField(_("id permintaan"), max_length=64, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    channel = models.CharField(_("kanal"), max_length=20, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True, default="")
    # The RFC 9162 leaf hash of the event's canonical entry (canonical.py), taken at insert.
    hash = models.CharField(max_length=64)
    # 1: written under the earlier hash chain (its hash covers seq and prev_hash); 2: a leaf
    # of the transparency log. Both verify; events are never rehashed.
    scheme = models.PositiveSmallIntegerField(default=2)

    class Meta:
        verbose_name = _("peristiwa audit")
        verbose_name_plural = _("peristiwa audit")
        # Pending events have no seq yet: they follow in the order they were written.
        ordering = ["chain", "seq", "id"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "seq"], name="audit_chain_seq_unique")
        ]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
            models.Index(fields=["actor", "occurred_at"], name="audit_actor_time"),
            # The sequencer's queue: events not yet in the log, oldest first.
            models.Index(
                fields=["chain", "id"], name="audit_pending", condition=models.Q(seq__isnull=True)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.chain}#{self.seq or '-'} {self.action}"


class Checkpoint(models.Model):
    """A signed statement of one regency log's size and Merkle root at a moment. The signature
    is made with the regency's Ed25519 log key, kept in a file outside the database, so whoever
    can write the tables still cannot forge one; each is also appended to a published file."""

    chain = models.CharField(max_length=5)
    tree_size = models.BigIntegerField()
    root_hash = models.CharField(max_length=64)
    signed_at = models.DateTimeField()
    key_id = models.CharField(max_length=16)
    signature = models.CharField(max_length=128)

    class Meta:
        verbose_name = _("titik periksa log audit")
        verbose_name_plural = _("titik periksa log audit")
        constraints = [
            models.UniqueConstraint(fields=["chain", "tree_size"], name="audit_checkpoint_size")
        ]

    def __str__(self) -> str:
        return f"{self.chain}@{self.tree_size}"
