from __future__ import annotations

from django.db import models


class Problem(models.TextChoices):
    """What `balai audit verify` found wrong with an event of a chain."""

    ALTERED = "altered"  # the stored hash no longer matches the event's fields
    REMOVED = "removed"  # a sequence number is missing or a link points past a missing event
    HEAD_MISMATCH = "head_mismatch"  # the chain head does not point at the last event
