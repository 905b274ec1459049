from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "balai.audit"
    label = "audit"
    verbose_name = "Jejak audit"

    def ready(self) -> None:
        from balai.accounts.permissions import register_scope
        from balai.audit.models import AuditEvent

        register_scope(AuditEvent, region="region_code")

        from django.core import checks

        from balai.audit.checks import pending_events_check

        checks.register(pending_events_check)
