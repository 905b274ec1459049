from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "balai.catalog"
    label = "catalog"
    verbose_name = "Katalog layanan"

    def ready(self) -> None:
        from balai.accounts.permissions import register_scope
        from balai.catalog.models import Agency, Service, ServicePoint

        register_scope(Agency, region="region_id", agency="id")
        register_scope(ServicePoint, region="region_id", service_point="id")
        register_scope(Service, region="agency__region_id", agency="agency_id")
