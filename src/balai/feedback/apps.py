from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "balai.feedback"
    label = "feedback"
    verbose_name = _("Suara warga")

    def ready(self) -> None:
        from balai.accounts.permissions import register_scope
        from balai.feedback.models import Complaint, SurveyInvitation, SurveyResponse

        # A response belongs to the office that served: its village or district, its agency,
        # its service point; the regency's admins see the whole regency through region_code.
        for model in (SurveyResponse, SurveyInvitation):
            register_scope(
                model,
                region="region_code",
                agency="agency_id",
                service_point="service_point_id",
            )
        # A complaint belongs to the office responsible for it: its village (and so its
        # district and regency above), or its agency.
        register_scope(Complaint, region="region_code", agency="agency_id")
