"""Code lists of the feedback app, defined once."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SurveyChannel(models.TextChoices):
    KIOSK = "kiosk", _("Anjungan mandiri")
    WHATSAPP = "whatsapp", _("WhatsApp")
    SMS = "sms", _("SMS")
    WEB = "web", _("Web")


class RespondentSex(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


# The respondent profile of PermenPAN-RB 14/2017's sample questionnaire (Lampiran II).
class RespondentEducation(models.TextChoices):
    SD = "sd", _("SD ke bawah")
    SMP = "smp", _("SMP/sederajat")
    SMA = "sma", _("SMA/sederajat")
    DIPLOMA = "diploma", _("D1/D2/D3/D4")
    S1 = "s1", _("S1")
    S2 = "s2_plus", _("S2 ke atas")


class RespondentOccupation(models.TextChoices):
    PNS = "pns", _("PNS")
    TNI = "tni", _("TNI")
    POLRI = "polri", _("POLRI")
    PRIVATE = "swasta", _("Swasta")
    SELF_EMPLOYED = "wirausaha", _("Wirausaha")
    STUDENT = "pelajar", _("Pelajar/mahasiswa")
    OTHER = "lainnya", _("Lainnya")


# Ages outside this band are typing errors rather than respondents.
RESPONDENT_AGE_MIN = 15
RESPONDENT_AGE_MAX = 120

# How long a survey link sent by WhatsApp or SMS stays usable.
INVITATION_DAYS = 14


class ComplaintChannel(models.TextChoices):
    WEB = "web", _("Web")
    KIOSK = "kiosk", _("Anjungan mandiri")
    WHATSAPP = "whatsapp", _("WhatsApp")
    SMS = "sms", _("SMS")
    COUNTER = "counter", _("Loket")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("Diterima")
    IN_PROGRESS = "in_progress", _("Ditindaklanjuti")
    ANSWERED = "answered", _("Dijawab")
    CLOSED = "closed", _("Selesai")


OPEN_COMPLAINT_STATUSES = frozenset({ComplaintStatus.RECEIVED, ComplaintStatus.IN_PROGRESS})


class ComplaintCategory(models.TextChoices):
    SERVICE = "pelayanan", _("Pelayanan administrasi")
    POPULATION = "kependudukan", _("Administrasi kependudukan")
    LICENSING = "perizinan", _("Perizinan")
    FEES = "biaya", _("Biaya dan pungutan")
    CONDUCT = "petugas", _("Perilaku petugas")
    ILLEGAL_FEES = "pungli", _("Pungutan liar")
    REFUSED = "penolakan", _("Penolakan layanan")
    FACILITIES = "sarana", _("Sarana dan prasarana")
    INFRASTRUCTURE = "infrastruktur", _("Infrastruktur desa")
    SOCIAL = "sosial", _("Bantuan sosial")
    OTHER = "lainnya", _("Lainnya")


# Complaints about an office's own conduct: handled above it, never by the office complained
# about (Perpres 76/2013 on public-service complaints; PermenPAN-RB 62/2018, SP4N-LAPOR!:
# a complaint about an official goes to their superior and the internal supervisor, APIP,
# and the complainant is protected from the office complained about).
OVERSIGHT_CATEGORIES = frozenset(
    {ComplaintCategory.ILLEGAL_FEES, ComplaintCategory.CONDUCT, ComplaintCategory.REFUSED}
)

# Working days until a complaint must be answered before it is escalated to the supervising
# office: "5 hari kerja", as the service standards promise (PermenPAN-RB 15/2014, component
# "penanganan pengaduan, saran dan masukan").
COMPLAINT_ANSWER_DAYS = 5
