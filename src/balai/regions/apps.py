from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "balai.regions"
    label = "regions"
    verbose_name = "Wilayah"

    def ready(self) -> None:
        from balai.accounts.permissions import register_scope
        from balai.regions.models import Region

        register_scope(Region, region="code")
