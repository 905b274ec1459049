"""Statuses of a bill and ways a payment arrives, defined once."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BillStatus(models.TextChoices):
    OPEN = "open", _("Belum dibayar")
    PAID = "paid", _("Lunas")
    WAIVED = "waived", _("Dibebaskan")


SETTLED_STATUSES = frozenset({BillStatus.PAID, BillStatus.WAIVED})


class PaymentMethod(models.TextChoices):
    GATEWAY = "gateway", _("Virtual account (bank)")
    CASH = "cash", _("Tunai di loket")
