from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "balai.catalog"
    label = "catalog"
    verbose_name = _("Katalog layanan")

    def ready(self) -> None:
        from balai.accounts.permissions import register_scope
        from balai.catalog.models import Agency, Service, ServicePoint, ServiceVersion

        register_scope(Agency, region="region_id", agency="id")
        register_scope(ServicePoint, region="region_id", service_point="id")
        # A service sits in its regency's catalog (village letters have no agency).
        register_scope(Service, region="region_id", agency="agency_id")
        register_scope(ServiceVersion, region="service__region__code", agency="service__agency_id")
