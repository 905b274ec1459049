"""Code lists of the kiosk app, defined once."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PrintKind(models.TextChoices):
    RECEIPT = "receipt", _("Tanda terima permohonan")
    DOCUMENT = "document", _("Dokumen bertanda tangan")
    TICKET = "ticket", _("Nomor antrean")


class Paper(models.TextChoices):
    A4 = "a4", _("A4")
    ROLL_80MM = "80mm", _("Struk 80 mm")


# The channel name cases, citizens and feedback use for the kiosk.
KIOSK_CHANNEL = "kiosk"

# Sign-out after this many seconds without a touch unless the device says otherwise.
DEFAULT_IDLE_SECONDS = 60
# A device may shorten its timer for tests and demonstrations, never below this.
MIN_IDLE_SECONDS = 5
MAX_IDLE_SECONDS = 600
