"""The public verification page: no login, only a document's facts, never a full NIK."""

from __future__ import annotations

import hashlib

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from balai.documents.seal import code_from_text
from balai.documents.selectors import document_by_seal, document_by_sha256, document_public_facts
from balai.documents.verification import pdf_verify

MAX_UPLOAD = 20 * 1024 * 1024


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
            context["result"] = {
                "valid": verdict["valid"],
                "signature_valid": verdict["signature"]["valid"],
                "seal_valid": verdict["seal"]["valid"],
                "facts": document_public_facts(document) if document else None,
                "code": document.seal_code if document else "",
            }
    elif request.GET.get("kode"):
        code = code_from_text(request.GET["kode"])
        context["code"] = code
        payload, document = document_by_seal(code)
        if payload is None:
            context["error"] = _("Kode tidak sah: dokumen ini tidak diterbitkan oleh Balai.")
        else:
            facts = document_public_facts(document) if document else None
            context["result"] = {
                "valid": bool(facts and facts["status"] == "issued"),
                "seal_valid": True,
                "signature_valid": None,
                "facts": facts,
                "code": code,
            }
    return render(request, "documents/verify.html", context)


@require_GET
def verified_file(request: HttpRequest) -> FileResponse:
    # Whoever holds the seal code holds the paper: the code is the key to its signed PDF.
    _payload, document = document_by_seal(code_from_text(request.GET.get("kode", "")))
    if document is None or not document.file:
        raise Http404
    response = FileResponse(
        document.file.open("rb"), content_type="application/pdf", filename=f"{document.pk}.pdf"
    )
    response["Content-Disposition"] = f'inline; filename="dokumen-{document.pk}.pdf"'
    return response
