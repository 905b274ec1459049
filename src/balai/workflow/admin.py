"""Workflow definitions in the admin: read-only, they come from the catalog's workflows.yaml."""

from __future__ import annotations

from django.contrib import admin

from balai.accounts.permissions import has_perm_anywhere
from balai.workflow.models import WorkflowDefinition

# Definitions are the catalog's: whoever manages the catalog may read them.
PERM = "catalog.manage"


@admin.register(WorkflowDefinition)
class WorkflowDefinitionAdmin(admin.ModelAdmin):
    """Read-only: definitions come from workflows.yaml, validated by the engine on load."""

    list_display = ("code", "version", "name", "created_at")
    search_fields = ("code", "name")
    readonly_fields = (
        "code",
        "version",
        "name",
        "definition",
        "content_hash",
        "created_at",
        "created_by",
    )

    def has_module_permission(self, request) -> bool:
        return has_perm_anywhere(request.user, PERM)

    def has_view_permission(self, request, obj=None) -> bool:
        return has_perm_anywhere(request.user, PERM)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
