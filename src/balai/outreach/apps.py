from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "balai.outreach"
    label = "outreach"
    verbose_name = _("Jemput bola")

    def ready(self) -> None:
        from balai.accounts.permissions import register_scope
        from balai.outreach.models import OutreachBatch, OutreachEvent, OutreachImport

        # An outreach day belongs to its village (so its kecamatan and regency above it) and to
        # the agency that leads it (DPMPTSP for licensing days).
        register_scope(OutreachEvent, region="village_id", agency="agency_id")
        for model in (OutreachImport, OutreachBatch):
            register_scope(model, region="event__village_id", agency="event__agency_id")
