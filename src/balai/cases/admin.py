"""Admin: the holiday calendar is data operators keep; cases are read there, never edited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from balai.accounts.permissions import has_perm_anywhere, restrict
from balai.cases.models import Case, Holiday


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "kind", "region_code"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["name"]

    def _may(self, request: HttpRequest) -> bool:
        return has_perm_anywhere(request.user, "cases.manage_holidays")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._may(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._may(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may(request)


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Read-only: a case changes only through its workflow actions (cases.services)."""

    list_display = ["tracking_code", "service", "status", "state", "submitted_at", "due_at"]
    list_filter = ["status", "channel"]
    search_fields = ["tracking_code"]
    list_select_related = ["service"]
    raw_id_fields = ["applicant", "beneficiary"]
    exclude = ["workflow_definition", "register_data", "form_data"]

    def get_queryset(self, request: HttpRequest):
        return restrict(request.user, "cases.view", super().get_queryset(request))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return has_perm_anywhere(request.user, "cases.view")

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return has_perm_anywhere(request.user, "cases.view")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
