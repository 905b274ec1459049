"""The public verification page: no login, a document's facts with the holder's name and NIK
masked. The signed PDF (full NIK, address) goes only to its holder — signed in, or with the
application's tracking code and their PIN — and to staff in scope; each download is audited."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from balai.audit.services import audit_record
from balai.cases.tracking import tracking_code_normalise
from balai.citizens.errors import CitizenAuthError
from balai.citizens.services import pin_verify
from balai.citizens.session import current_citizen
from balai.documents.choices import DocumentStatus
from balai.documents.models import Document
from balai.documents.seal import code_from_text
from balai.documents.selectors import (
    document_by_seal,
    document_by_sha256,
    document_file_access,
    document_public_facts,
)
from balai.documents.verification import pdf_verify

MAX_UPLOAD = 20 * 1024 * 1024
CITIZEN_CHANNEL = "online"


def _access(request: HttpRequest, document: Document) -> str | None:
    return document_file_access(
        viewer=request.user,
        citizen=current_citizen(request, channel=CITIZEN_CHANNEL),
        document=document,
    )


def _result(request: HttpRequest, document: Document | None, **extra: Any) -> dict[str, Any]:
    facts = document_public_facts(document) if document else None
    return {
        "valid": bool(facts and facts["status"] == DocumentStatus.ISSUED),
        "facts": facts,
        "code": document.seal_code if document else "",
        "may_download": bool(document and _access(request, document)),
        # The holder without a session may still fetch it with the application's code + PIN.
        "pin_download": bool(
            document and document.case_id and document.status == DocumentStatus.ISSUED
        ),
        **extra,
    }


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    context: dict = {"code": "", "result": None, "error": None}
    if request.method == "POST":
        upload = request.FILES.get("berkas")
        if upload is None or upload.size > MAX_UPLOAD:
            context["error"] = _("Pilih berkas PDF (paling besar 20 MB).")
        else:
            data = upload.read()
            verdict = pdf_verify(data)
            document = document_by_sha256(hashlib.sha256(data).hexdigest())
            context["result"] = _result(
                request,
                document,
                signature_valid=verdict["signature"]["valid"],
                seal_valid=verdict["seal"]["valid"],
            )
            context["result"]["valid"] = verdict["valid"]
    elif request.GET.get("kode"):
        code = code_from_text(request.GET["kode"])
        context["code"] = code
        payload, document = document_by_seal(code)
        if payload is None:
            context["error"] = _("Kode tidak sah: dokumen ini tidak diterbitkan oleh Balai.")
        else:
            context["result"] = _result(request, document, seal_valid=True, signature_valid=None)
    return render(request, "documents/verify.html", context)


def _pin_holder_access(request: HttpRequest, document: Document) -> str | None:
    """The holder without a session: the application's tracking code and the holder's PIN
    (rate limited and locked out like a sign-in). A revoked document never goes this way."""
    if document.status != DocumentStatus.ISSUED or document.case_id is None:
        return None
    tracking = tracking_code_normalise(request.POST.get("permohonan", ""))
    if tracking is None or tracking != document.case.tracking_code:
        return None
    pin_verify(nik=document.holder.nik, pin=request.POST.get("pin", ""), channel=CITIZEN_CHANNEL)
    return "tracking_pin"


@never_cache
@require_http_methods(["GET", "POST"])
def verified_file(request: HttpRequest) -> HttpResponse:
    _payload, document = document_by_seal(
        code_from_text(request.POST.get("kode", "") or request.GET.get("kode", ""))
    )
    if document is None or not document.file:
        raise Http404
    via = _access(request, document)
    if via is None and request.method == "POST":
        try:
            via = _pin_holder_access(request, document)
        except CitizenAuthError as exc:
            return _refused(request, document, exc.message)
        if via is None:
            return _refused(request, document, _("Kode permohonan atau PIN tidak cocok."))
    if via is None:
        raise Http404
    # The file carries the full NIK and address: every download is recorded (UU 27/2022).
    with transaction.atomic():
        audit_record(
            actor=request.user if request.user.is_authenticated else None,
            action="documents.file_read",
            obj=document,
            region_code=document.office_id,
            after={"via": via, "holder": document.holder_id if via != "staff" else None},
        )
    response = FileResponse(document.file.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="dokumen-{document.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


def _refused(request: HttpRequest, document: Document, message: str) -> HttpResponse:
    context = {
        "code": document.seal_code,
        "result": _result(request, document, seal_valid=True, signature_valid=None),
        "error": message,
    }
    return render(request, "documents/verify.html", context, status=403)
