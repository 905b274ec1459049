"""The Django admin, held to the same scopes as every other page.

`ScopedModelAdmin` lists rows through `restrict` and decides each object through `can`, with
the permission strings of accounts.roles — never Django's per-model permission table. Who may
open the admin at all is `is_staff`, which accounts.services keeps equal to "superuser or holds
a role in ADMIN_SITE_ROLES".
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import HttpRequest

from balai.accounts.models import StaffRole, User
from balai.accounts.permissions import can, has_perm_anywhere, restrict
from balai.accounts.services import staff_sync_admin_access
from balai.audit.services import audit_record
from balai.people.models import Family, Resident
from balai.people.nik import mask_nik
from balai.people.services import family_open_full_record, resident_open_full_record
from balai.regions.models import Region


class ScopedModelAdmin(admin.ModelAdmin):
    view_permission: str = ""
    # Empty: nobody but a superuser may change (or add) through the admin.
    change_permission: str = ""
    # Registers the law requires to keep are never deleted here.
    deletable: bool = False

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return restrict(request.user, self.view_permission, super().get_queryset(request))

    def _allowed(self, request: HttpRequest, perm: str, obj: Any) -> bool:
        if request.user.is_superuser and request.user.is_active:
            return True
        if not perm:
            return False
        return (
            can(request.user, perm, obj)
            if obj is not None
            else has_perm_anywhere(request.user, perm)
        )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request, self.view_permission, None)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request, self.view_permission, obj) or self.has_change_permission(
            request, obj
        )

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request, self.change_permission, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request, self.change_permission, None)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.deletable and self.has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # The edited row must still lie in the editor's scope: no moving a row out of reach
        # or creating one elsewhere.
        if not self._allowed(request, self.change_permission, obj):
            raise PermissionDenied
        with transaction.atomic():
            before = form.initial if change else None
            super().save_model(request, obj, form, change)
            audit_record(
                actor=request.user,
                action=f"admin.{'change' if change else 'add'}",
                obj=obj,
                region_code=self.region_code_of(obj),
                before={k: str(v) for k, v in (before or {}).items()} if change else None,
                after={k: str(form.cleaned_data.get(k)) for k in form.changed_data},
            )

    def region_code_of(self, obj: Any) -> str | None:
        return None


class RegisterReadOnlyAdmin(ScopedModelAdmin):
    """The register changes only through people.services, which check every NIK/KK rule and
    audit the change; the admin shows it, scoped, and never writes it (not even a superuser).

    The list needs `people.view_resident` and shows numbers masked, like the list page; one
    record needs `people.view_resident_full`, like the record page, and each opening of it is
    an audit event (UU 27/2022: who saw whose record, when).
    """

    view_permission = "people.view_resident"
    full_permission = "people.view_resident_full"

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return self._allowed(request, self.view_permission, None)
        return self._allowed(request, self.full_permission, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        # Out of the viewer's full-record scope, the record does not exist for them.
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and not self._allowed(request, self.full_permission, obj):
            return None
        return obj

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> Any:
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = self.get_object(request, object_id)
        if request.method == "GET" and response.status_code == 200 and obj is not None:
            self.record_full_read(request, obj)
        return response

    def record_full_read(self, request: HttpRequest, obj: Any) -> None:
        raise NotImplementedError


@admin.register(Resident)
class ResidentAdmin(RegisterReadOnlyAdmin):
    list_display = ("masked_nik", "name", "village", "status")
    list_filter = ("status",)
    # A whole NIK or a name: no prefix search, which would let a list walk a masked NIK.
    search_fields = ("=nik", "name")
    raw_id_fields = ("village", "family")
    list_select_related = ("village",)

    @admin.display(description="NIK")
    def masked_nik(self, obj: Resident) -> str:
        return mask_nik(obj.nik)

    def region_code_of(self, obj: Any) -> str | None:
        return obj.village_id

    def record_full_read(self, request: HttpRequest, obj: Any) -> None:
        resident_open_full_record(viewer=request.user, resident=obj)


@admin.register(Family)
class FamilyAdmin(RegisterReadOnlyAdmin):
    list_display = ("masked_kk", "village")
    search_fields = ("=kk_number",)
    raw_id_fields = ("village",)
    list_select_related = ("village",)

    @admin.display(description="KK")
    def masked_kk(self, obj: Family) -> str:
        return mask_nik(obj.kk_number)

    def region_code_of(self, obj: Any) -> str | None:
        return obj.village_id

    def record_full_read(self, request: HttpRequest, obj: Any) -> None:
        family_open_full_record(viewer=request.user, family=obj)


@admin.register(Region)
class RegionAdmin(ScopedModelAdmin):
    view_permission = "regions.view"
    change_permission = ""
    list_display = ("code", "name", "level")
    list_filter = ("level",)
    search_fields = ("code", "name")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the tree is loaded from Kepmendagri data, never edited by hand

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(StaffRole)
class StaffRoleAdmin(ScopedModelAdmin):
    view_permission = "accounts.manage_staff"
    change_permission = "accounts.manage_staff"
    deletable = True
    list_display = ("user", "role", "region", "agency", "service_point")
    list_filter = ("role",)
    raw_id_fields = ("user", "region")
    list_select_related = ("user", "region", "agency", "service_point")

    def region_code_of(self, obj: Any) -> str | None:
        return obj.region_id

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # The account itself must be one this admin manages (or a new one without roles):
        # no granting roles to a superuser or to staff of another regency.
        viewer = request.user
        if not viewer.is_superuser:
            target = obj.user
            roleless = not target.staff_roles.exclude(pk=obj.pk).exists()
            managed = staff_in_scope(viewer).filter(pk=target.pk).exists()
            if target.is_superuser or not (managed or roleless):
                raise PermissionDenied
        super().save_model(request, obj, form, change)
        staff_sync_admin_access(user=obj.user)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            user = obj.user
            audit_record(
                actor=request.user,
                action="accounts.role_removed",
                obj=obj,
                region_code=obj.region_id,
                before={"user": user.username, "role": obj.role, "region": obj.region_id},
            )
            super().delete_model(request, obj)
            staff_sync_admin_access(user=user)


def staff_in_scope(viewer: Any) -> models.QuerySet[User]:
    """Staff accounts whose roles all lie in the viewer's `accounts.manage_staff` scope."""
    if viewer.is_superuser and viewer.is_active:
        return User.objects.all()
    managed = restrict(viewer, "accounts.manage_staff", StaffRole.objects.all())
    outside = StaffRole.objects.exclude(pk__in=managed.values("pk"))
    return User.objects.filter(is_superuser=False, pk__in=managed.values("user_id")).exclude(
        pk__in=outside.values("user_id")
    )


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Staff accounts: an admin_kabupaten edits the accounts whose roles lie in its regency;
    the flags that open more (superuser, staff, groups, permissions) are for superusers only."""

    list_display = ("username", "full_name", "is_active", "is_staff")
    readonly_fields = ("is_staff", "last_login", "date_joined")

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return staff_in_scope(request.user)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if request.user.is_superuser or obj is None:
            return super().get_fieldsets(request, obj)
        return (
            (None, {"fields": ("username", "password")}),
            (None, {"fields": ("full_name", "nip", "phone", "email", "is_active")}),
            (None, {"fields": ("is_staff", "last_login", "date_joined")}),
        )

    def _manages(self, request: HttpRequest, obj: Any) -> bool:
        if request.user.is_superuser and request.user.is_active:
            return True
        if not has_perm_anywhere(request.user, "accounts.manage_staff"):
            return False
        return obj is None or staff_in_scope(request.user).filter(pk=obj.pk).exists()

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._manages(request, None)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._manages(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._manages(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A new account has no role yet, so it would lie in nobody's scope: operators create
        # staff with `balai staff create`, which takes the role in the same step.
        return request.user.is_superuser and request.user.is_active

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # accounts are deactivated, never deleted: the audit trail points at them
