from django.contrib import admin

from balai.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: the outbox is changed by the worker and the receipts, never by hand."""

    list_display = ("pk", "channel", "template_code", "state", "attempts", "created_at")
    list_filter = ("state", "channel", "template_code")
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    # Addresses are personal data and the outbox has no office scope of its own: superusers only.
    def has_module_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser
