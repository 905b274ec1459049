"""Staff pages: the office's documents, one document, its signed file, revoking it. Thin: the
selectors apply the viewer's scope and the services decide."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balai.accounts.permissions import can, has_perm_anywhere
from balai.audit.services import audit_record
from balai.cases.errors import CaseError
from balai.documents.case_products import case_document_reissue, case_documents
from balai.documents.errors import DocumentError
from balai.documents.register_xlsx import register_xlsx
from balai.documents.selectors import (
    document_get,
    document_list,
    register_entries,
    register_may_view,
)
from balai.documents.services import document_revoke
from balai.regions.models import Region

PAGE_SIZE = 25


@login_required
def office_documents(request: HttpRequest) -> HttpResponse:
    if not has_perm_anywhere(request.user, "documents.view"):
        raise PermissionDenied
    page = Paginator(document_list(viewer=request.user), PAGE_SIZE).get_page(
        request.GET.get("halaman")
    )
    return render(request, "documents/list.html", {"page": page})


def _document_or_404(request: HttpRequest, pk: int):
    document = document_get(viewer=request.user, pk=pk)
    if document is None:
        raise Http404
    return document


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_or_404(request, pk)
    return render(
        request,
        "documents/detail.html",
        {"document": document, "may_revoke": can(request.user, "documents.revoke", document)},
    )


@login_required
def signed_file(request: HttpRequest, pk: int) -> FileResponse:
    return _file_response(request, _document_or_404(request, pk))


def _case_document_or_404(request: HttpRequest, case_pk: int, pk: int):
    from balai.cases.selectors import case_get

    # Whoever may see the case may open its product: the front desk that took the
    # application prints what the kecamatan or the agency signed.
    case = case_get(viewer=request.user, pk=case_pk)
    document = case_documents(case=case).filter(pk=pk).first() if case is not None else None
    if document is None:
        raise Http404
    return case, document


@login_required
def case_file(request: HttpRequest, case_pk: int, pk: int) -> FileResponse:
    _case, document = _case_document_or_404(request, case_pk, pk)
    return _file_response(request, document)


@login_required
@require_POST
def case_reissue(request: HttpRequest, case_pk: int, pk: int) -> HttpResponse:
    case, document = _case_document_or_404(request, case_pk, pk)
    try:
        fresh = case_document_reissue(
            actor=request.user,
            case=case,
            document=document,
            reason=request.POST.get("alasan", ""),
        )
    except CaseError as exc:
        if exc.code == "forbidden":
            raise PermissionDenied from exc
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Dokumen terbit ulang dengan nomor %(new)s; nomor %(old)s dicabut.")
            % {"new": fresh.number, "old": document.number},
        )
    return redirect("cases:detail", pk=case.pk)


def _file_response(request: HttpRequest, document) -> FileResponse:
    # The file carries the full NIK: every read is recorded (UU 27/2022).
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action="documents.file_read",
            obj=document,
            region_code=document.office_id,
        )
    response = FileResponse(document.file.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="dokumen-{document.pk}.pdf"'
    return response


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_or_404(request, pk)
    try:
        document_revoke(
            actor=request.user, document=document, reason=request.POST.get("alasan", "")
        )
    except DocumentError as exc:
        if exc.code == "forbidden":
            raise PermissionDenied from exc
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Dokumen %(number)s dicabut.") % {"number": document.number})
    return redirect("documents:detail", pk=document.pk)


def _register_office(request: HttpRequest, code: str) -> Region:
    office = Region.objects.filter(code=code).first()
    if office is None:
        raise Http404
    if not register_may_view(viewer=request.user, office=office):
        raise PermissionDenied
    return office


@login_required
def register(request: HttpRequest, code: str, year: int) -> HttpResponse:
    office = _register_office(request, code)
    entries = register_entries(viewer=request.user, office=office, year=year)
    return render(
        request,
        "documents/register.html",
        {"office": office, "year": year, "entries": entries},
    )


@login_required
def register_export(request: HttpRequest, code: str, year: int) -> HttpResponse:
    office = _register_office(request, code)
    entries = register_entries(viewer=request.user, office=office, year=year)
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action="documents.register_exported",
            object_type="documents.outgoingregister",
            object_id=f"{office.code}/{year}",
            region_code=office.code,
            after={"rows": len(entries)},
        )
    response = HttpResponse(
        register_xlsx(office_name=office.name, year=year, entries=entries),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="agenda-{office.code}-{year}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response
