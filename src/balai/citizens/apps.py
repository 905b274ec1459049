from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitizensConfig(AppConfig):
    name = "balai.citizens"
    verbose_name = _("Warga: PIN dan masuk")
    default_auto_field = "django.db.models.BigAutoField"
