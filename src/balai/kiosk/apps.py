from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KioskConfig(AppConfig):
    name = "balai.kiosk"
    label = "kiosk"
    verbose_name = _("Anjungan mandiri")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from balai.accounts.permissions import register_scope
        from balai.kiosk.models import KioskDevice, KioskPrintJob

        # An MPP admin manages the kiosks of their service point; the regency admin every
        # kiosk whose point lies in their region subtree.
        for model in (KioskDevice, KioskPrintJob):
            register_scope(model, region="region_code", service_point="service_point_id")
