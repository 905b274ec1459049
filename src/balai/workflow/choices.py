from django.db import models
from django.utils.translation import gettext_lazy as _


class Office(models.TextChoices):
    """Which office owns a case while it sits in a state; routing follows the applicant."""

    APPLICANT_VILLAGE = "applicant_village", _("Kantor desa pemohon")
    APPLICANT_DISTRICT = "applicant_district", _("Kantor kecamatan pemohon")
    AGENCY = "agency", _("Instansi penyelenggara")
    # The agency named by the state (`agency:`) that gives its technical review (kajian
    # teknis) on another agency's case: Dinkes for a practitioner's licence, Dishub for a
    # traffic study. The case sits in its inbox until it sends the review back.
    REVIEW_AGENCY = "review_agency", _("Instansi pengkaji teknis")
    NONE = "none", _("Tidak ada")


class Outcome(models.TextChoices):
    ISSUED = "issued", _("Terbit")
    REJECTED = "rejected", _("Ditolak")
    CANCELLED = "cancelled", _("Dibatalkan")


# The applicant acting for themself (kiosk, phone); every other actor is a staff role.
CITIZEN = "citizen"
