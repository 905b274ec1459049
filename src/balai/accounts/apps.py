from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "balai.accounts"
    label = "accounts"
    verbose_name = "Akun petugas"

    def ready(self) -> None:
        from balai.accounts.models import StaffRole
        from balai.accounts.permissions import register_scope

        register_scope(
            StaffRole, region="region_id", agency="agency_id", service_point="service_point_id"
        )
