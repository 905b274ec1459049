from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LicensingConfig(AppConfig):
    name = "balai.licensing"
    label = "licensing"
    verbose_name = _("Perizinan berusaha")

    def ready(self) -> None:
        from django.core import checks

        from balai.licensing.checks import oss_settings_check

        checks.register(oss_settings_check)
        from balai.accounts.permissions import register_scope
        from balai.licensing.models import BusinessRegistration, GatewayAttempt

        # A registration belongs to the village where the business is, and to the licensing
        # office (DPMPTSP) that handles it, so its officers see the regency's registrations.
        register_scope(BusinessRegistration, region="village_id", agency="agency_id")
        register_scope(
            GatewayAttempt, region="registration__village_id", agency="registration__agency_id"
        )
