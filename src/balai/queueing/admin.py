"""Setting up a point's queue: counters within the manager's scope; zones, categories, slots
and the priority policy for superusers until they get scopes of their own."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from balai.accounts.admin import ScopedModelAdmin
from balai.queueing.models import BookingSlot, Counter, PriorityPolicy, QueuePrefix, Zone


@admin.register(Counter)
class CounterAdmin(ScopedModelAdmin):
    view_permission = "queueing.operate_counter"
    change_permission = "queueing.manage"
    list_display = ("display_name", "service_point", "agency", "zone", "state", "staff")
    list_filter = ("state",)
    list_select_related = ("service_point", "agency", "zone", "staff")
    fields = ("service_point", "zone", "number", "label", "agency", "services")
    filter_horizontal = ("services",)
    raw_id_fields = ("service_point",)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # The scope field follows the point; it is never typed in.
        obj.region_code = obj.service_point.region_id
        super().save_model(request, obj, form, change)

    def region_code_of(self, obj: Any) -> str | None:
        return obj.region_code


class SuperuserAdmin(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_superuser


@admin.register(Zone)
class ZoneAdmin(SuperuserAdmin):
    list_display = ("name", "service_point", "floor")


@admin.register(QueuePrefix)
class QueuePrefixAdmin(SuperuserAdmin):
    list_display = ("letter", "name", "service_point", "agency")
    filter_horizontal = ("services",)


@admin.register(BookingSlot)
class BookingSlotAdmin(SuperuserAdmin):
    list_display = ("service_point", "prefix", "start", "end", "quota", "booked")
    readonly_fields = ("booked",)


@admin.register(PriorityPolicy)
class PriorityPolicyAdmin(SuperuserAdmin):
    list_display = ("service_point", "mode", "every_nth", "max_wait_minutes")
