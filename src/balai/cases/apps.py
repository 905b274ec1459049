from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "balai.cases"
    label = "cases"
    verbose_name = "Permohonan"

    def ready(self) -> None:
        from balai.accounts.permissions import register_scope
        from balai.cases import checks  # noqa: F401 - registers the holiday-calendar check
        from balai.cases.models import Case

        # A case is in a staff member's scope where it is held now (village, district, agency)
        # or where it was filed (the service point's counter staff).
        register_scope(
            Case,
            region="office_region_code",
            agency="office_agency_id",
            service_point="service_point_id",
        )
