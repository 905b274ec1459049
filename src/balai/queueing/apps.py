from django.apps import AppConfig


class QueueingConfig(AppConfig):
    name = "balai.queueing"
    label = "queueing"
    verbose_name = "Antrian"

    def ready(self) -> None:
        from balai.accounts.permissions import register_scope
        from balai.queueing.models import Counter, Ticket

        # Counter staff are scoped to their service point; agency staff to their agency's
        # counters and tickets; regency staff by the point's region.
        for model in (Counter, Ticket):
            register_scope(
                model, region="region_code", agency="agency_id", service_point="service_point_id"
            )
