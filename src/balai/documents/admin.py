"""Admin for document types (with a PDF preview of unsaved edits), office profiles and a
read-only view of issued documents, on the shared scoped admin."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path

from balai.accounts.admin import ScopedModelAdmin
from balai.accounts.permissions import has_perm_anywhere
from balai.documents.choices import PageSize
from balai.documents.models import Document, DocumentType, OfficeProfile
from balai.documents.preview import letter_preview


@admin.register(DocumentType)
class DocumentTypeAdmin(ScopedModelAdmin):
    # Types are regency-wide data, not rows in a region: rights are checked without a scope.
    change_permission = "documents.manage"
    list_display = ("code", "name", "classification_code", "page_size", "is_active")
    search_fields = ("code", "name")
    change_form_template = "documents/admin/documenttype_change_form.html"

    class Media:
        js = ("documents/preview.js",)

    def get_queryset(self, request: HttpRequest):
        if has_perm_anywhere(request.user, self.change_permission):
            return DocumentType.objects.all()
        return DocumentType.objects.none()

    def _allowed(self, request: HttpRequest, perm: str, obj: Any) -> bool:
        return bool(perm) and has_perm_anywhere(request.user, perm)

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        own = path("<int:pk>/pratinjau/", preview, name="documents_documenttype_preview")
        return [own, *super().get_urls()]

    def preview_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.has_change_permission(request):
            raise PermissionDenied
        document_type = get_object_or_404(DocumentType, pk=pk)
        # Unsaved edits arrive as query parameters: the preview follows the form as typed.
        for field in ("name", "body", "classification_code"):
            if field in request.GET:
                setattr(document_type, field, request.GET[field][:5000])
        if request.GET.get("page_size") in PageSize.values:
            document_type.page_size = request.GET["page_size"]
        response = HttpResponse(letter_preview(document_type=document_type), "application/pdf")
        response["Content-Disposition"] = 'inline; filename="pratinjau.pdf"'
        return response


@admin.register(OfficeProfile)
class OfficeProfileAdmin(ScopedModelAdmin):
    view_permission = "documents.view"
    change_permission = "documents.manage"
    list_display = ("region", "unit_code", "number_format", "signer_title", "signer_name")
    readonly_fields = ("region",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # created with defaults when an office first issues

    def region_code_of(self, obj: Any) -> str | None:
        return obj.region_id


@admin.register(Document)
class DocumentAdmin(ScopedModelAdmin):
    view_permission = "documents.view"
    list_display = ("number", "document_type", "holder_name", "holder_nik_masked", "status")
    list_filter = ("status", "document_type")
    search_fields = ("number", "holder_name")
    exclude = ("holder", "form_data", "seal_code")
    readonly_fields = [
        f.name
        for f in Document._meta.fields
        if f.name not in ("holder", "form_data", "seal_code", "id")
    ]
