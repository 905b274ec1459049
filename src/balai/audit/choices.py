from __future__ import annotations

from django.db import models


class Problem(models.TextChoices):
    """What `balai audit verify` found wrong with a regency's audit log."""

    ALTERED = "altered"  # the stored leaf hash no longer matches the event's fields
    REMOVED = "removed"  # a sequence number is missing or a link points past a missing event
    REORDERED = "reordered"  # the event links to one that now stands later in the log
    HEAD_MISMATCH = "head_mismatch"  # the log head does not point at the last event
    TRUNCATED = "truncated"  # a signed checkpoint knows of more events than the log holds
    REWRITTEN = "rewritten"  # the events no longer hash to a signed checkpoint's root
    CHECKPOINT_FORGED = "checkpoint_forged"  # a checkpoint's signature is not the log key's
