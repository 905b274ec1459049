"""Catalog admin: agencies, service points and services (edits make draft versions).

Built on accounts.admin.ScopedModelAdmin: rows and rights come from `catalog.manage` and the
scope of the user's assignments, and every save is an audit event.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from balai.accounts.admin import ScopedModelAdmin
from balai.accounts.permissions import can
from balai.catalog.choices import Channel, LifeEvent, SlaUnit, VersionStatus
from balai.catalog.models import Agency, Service, ServicePoint, ServiceVersion
from balai.catalog.schema import schema_problems
from balai.catalog.services import (
    CatalogError,
    service_publish,
    service_revise,
)
from balai.catalog.standard import standard_from_version

PERM = "catalog.manage"  # also used by workflow.admin


class CatalogScopedAdmin(ScopedModelAdmin):
    """Rows and rights from `catalog.manage` and the scope of the user's assignments."""

    view_permission = PERM
    change_permission = PERM

    def region_code_of(self, obj: Any) -> str | None:
        return obj.region_id


@admin.register(Agency)
class AgencyAdmin(CatalogScopedAdmin):
    list_display = ("code", "short_name", "kind", "region", "is_mpp_tenant")
    list_filter = ("kind", "is_mpp_tenant")
    search_fields = ("code", "name", "short_name")
    list_select_related = ("region",)
    raw_id_fields = ("region",)
    # Agencies publish their sites over https; a bare domain typed in the admin means that.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(ServicePoint)
class ServicePointAdmin(CatalogScopedAdmin):
    list_display = ("code", "name", "kind", "region", "timezone")
    list_filter = ("kind",)
    search_fields = ("code", "name")
    list_select_related = ("region",)
    raw_id_fields = ("region",)
    filter_horizontal = ("agencies",)


class ServiceStandardForm(forms.ModelForm):
    """The standard's editable parts; saving makes a new draft version (never edits one)."""

    name = forms.CharField(label=_("Nama"), max_length=200)
    category = forms.CharField(label=_("Kategori"), max_length=80)
    description = forms.CharField(label=_("Deskripsi"), widget=forms.Textarea, required=False)
    life_events = forms.MultipleChoiceField(
        label=_("Peristiwa hidup"),
        choices=LifeEvent.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    channels = forms.MultipleChoiceField(
        label=_("Kanal"), choices=Channel.choices, widget=forms.CheckboxSelectMultiple
    )
    synonyms = forms.CharField(
        label=_("Sinonim (satu per baris)"), widget=forms.Textarea, required=False
    )
    procedure = forms.CharField(label=_("Prosedur (satu langkah per baris)"), widget=forms.Textarea)
    requirements = forms.JSONField(label=_("Persyaratan (JSON)"))
    form_fields = forms.JSONField(label=_("Isian formulir (JSON)"), required=False)
    sla_value = forms.IntegerField(label=_("Jangka waktu"), min_value=1)
    sla_unit = forms.ChoiceField(label=_("Satuan waktu"), choices=SlaUnit.choices)
    fee_amount = forms.IntegerField(label=_("Biaya (rupiah)"), min_value=0)
    fee_legal_basis = forms.CharField(label=_("Dasar tarif"), required=False, max_length=250)
    product_name = forms.CharField(label=_("Produk pelayanan"), max_length=200)
    complaints = forms.CharField(label=_("Penanganan pengaduan"), widget=forms.Textarea)
    maklumat = forms.CharField(label=_("Maklumat pelayanan"), widget=forms.Textarea, required=False)
    management = forms.JSONField(label=_("Komponen manajemen (JSON)"))

    class Meta:
        model = Service
        fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        version = self.instance.current_version if self.instance.pk else None
        if version is None:
            return
        for name in (
            "name",
            "category",
            "description",
            "life_events",
            "channels",
            "requirements",
            "sla_value",
            "sla_unit",
            "fee_amount",
            "fee_legal_basis",
            "product_name",
            "complaints",
            "maklumat",
            "management",
        ):
            self.initial[name] = getattr(version, name)
        self.initial["synonyms"] = "\n".join(version.synonyms)
        self.initial["procedure"] = "\n".join(version.procedure)
        self.initial["form_fields"] = version.form

    def changes(self) -> dict[str, Any]:
        """The edit in the catalog file's shape."""
        d = self.cleaned_data
        version = self.instance.current_version
        lines = lambda text: [s.strip() for s in text.splitlines() if s.strip()]  # noqa: E731
        return {
            "name": d["name"],
            "category": d["category"],
            "description": d["description"],
            "life_events": d["life_events"],
            "channels": d["channels"],
            "synonyms": lines(d["synonyms"]),
            "procedure": lines(d["procedure"]),
            "requirements": d["requirements"],
            "form": {"fields": d["form_fields"] or []},
            "sla": {"value": d["sla_value"], "unit": d["sla_unit"], "example": version.sla_example},
            "fee": {
                "amount": d["fee_amount"],
                "legal_basis": d["fee_legal_basis"],
                "example": version.fee_example,
            },
            "product": {"name": d["product_name"], "document_type": version.product_document_type},
            "complaints": d["complaints"],
            "maklumat": d["maklumat"],
            "management": d["management"],
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.errors or self.instance.current_version is None:
            return cleaned
        # The same schema the catalog files obey: an edit cannot store what a file could not.
        standard = standard_from_version(self.instance.current_version, code=self.instance.code)
        standard.update(self.changes())
        if standard["agency"] is None:
            standard.pop("agency")
        problems = schema_problems({"services": [standard]})
        for path, _rule, message in problems:
            self.add_error(None, f"{path.removeprefix('services[0].')}: {message}")
        return cleaned


class ServiceVersionInline(admin.TabularInline):
    model = ServiceVersion
    extra = 0
    can_delete = False
    fields = (
        "number",
        "status",
        "name",
        "fee_amount",
        "sla_value",
        "sla_unit",
        "workflow",
        "created_at",
        "created_by",
        "published_at",
        "published_by",
    )
    readonly_fields = fields
    ordering = ("-number",)
    show_change_link = False

    def has_view_permission(self, request, obj=None) -> bool:
        # `obj` is the service: whoever may manage it sees its history.
        return can(request.user, PERM, obj)

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Service)
class ServiceAdmin(CatalogScopedAdmin):
    form = ServiceStandardForm
    list_display = ("code", "name", "provider", "agency", "status", "version", "published")
    list_filter = ("status", "provider")
    search_fields = ("code", "name")
    list_select_related = ("agency", "published_version")
    inlines = (ServiceVersionInline,)
    actions = ("publish",)
    readonly_fields = ("code", "provider", "agency", "status", "version")

    @admin.display(description=_("Versi terbit"))
    def published(self, obj: Service) -> str:
        return str(obj.published_version.number) if obj.published_version else "—"

    def has_add_permission(self, request) -> bool:
        # New services come from the catalog files (balai load-catalog), which check the
        # references a service needs (agency, workflow, service points).
        return False

    def save_model(self, request, obj, form, change) -> None:
        if not self._allowed(request, self.change_permission, obj):
            raise PermissionDenied
        version = service_revise(actor=request.user, service=obj, changes=form.changes())
        if version.status == VersionStatus.DRAFT:
            messages.info(
                request,
                _(
                    "Perubahan disimpan sebagai draf versi %(number)s. "
                    "Gunakan tindakan Terbitkan untuk "
                    "menerbitkannya."
                )
                % {"number": version.number},
            )

    @admin.action(description=_("Terbitkan versi terbaru"))
    def publish(self, request, queryset) -> None:
        done = 0
        for service in queryset:
            if not can(request.user, PERM, service):
                continue
            try:
                service_publish(actor=request.user, service=service)
                done += 1
            except CatalogError as exc:
                messages.warning(request, f"{service.code}: {exc}")
        if done:
            messages.success(
                request,
                ngettext("%(count)d layanan diterbitkan.", "%(count)d layanan diterbitkan.", done)
                % {"count": done},
            )
