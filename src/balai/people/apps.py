from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "balai.people"
    label = "people"
    verbose_name = "Kependudukan"

    def ready(self) -> None:
        from balai.accounts.permissions import register_scope
        from balai.people.models import Family, Resident

        register_scope(Resident, region="village_id")
        register_scope(Family, region="village_id")
