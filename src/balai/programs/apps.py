from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "balai.programs"
    label = "programs"
    verbose_name = _("Program bantuan")

    def ready(self) -> None:
        from balai.accounts.permissions import register_scope
        from balai.programs.models import Application, DisbursementBatch, Programme

        # An application belongs to the applicant's village and to the agency that owns the
        # programme, so village desks see their residents and the owner sees the whole programme.
        register_scope(Application, region="village_id", agency="programme__owner_agency_id")
        register_scope(Programme, region="regency_id", agency="owner_agency_id")
        register_scope(
            DisbursementBatch, region="programme__regency_id", agency="programme__owner_agency_id"
        )
