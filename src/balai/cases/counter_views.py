"""The counter pages: find the resident, pick the service, check the prefilled form against a
preview of the letter, file. Thin: cases/counter.py reads, case_submit files.

The resident travels between the steps by their row id, never by NIK: a NIK is only ever
posted (the search box) and never lands in a URL or a log line.
"""

from __future__ import annotations

import base64
import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balai.cases.attachments import Upload
from balai.cases.counter import (
    counter_channel,
    counter_family,
    counter_nik_fields,
    counter_points,
    counter_prefill,
    counter_resident_get,
    counter_search,
    counter_services,
    counter_top_services,
    resident_address,
)
from balai.cases.errors import CaseError
from balai.cases.services import case_submit
from balai.cases.standard import standard_for
from balai.cases.uploads import max_bytes
from balai.cases.views import _form_widgets
from balai.documents.preview import application_preview
from balai.payments.services import bill_open_after_intake
from balai.people.nik import mask_nik


def _point_context(request: HttpRequest) -> dict[str, Any]:
    points = counter_points(viewer=request.user)
    chosen = request.POST.get("tempat") or request.GET.get("tempat")
    point = next((p for p in points if p.code == chosen), None) or (points[0] if points else None)
    if point is None:
        raise Http404
    services = list(counter_services(point=point).select_related("published_version"))
    return {"points": points, "point": point, "services": services}


def _chosen(request: HttpRequest, context: dict[str, Any]) -> tuple[Any, Any]:
    """The resident and service the request names, each None when absent or out of scope."""
    data = request.POST if request.method == "POST" else request.GET
    resident = None
    if data.get("penduduk"):
        resident = counter_resident_get(
            viewer=request.user, point=context["point"], pk=data["penduduk"]
        )
    code = data.get("layanan")
    service = next((s for s in context["services"] if s.code == code), None)
    return resident, service


def _nik_widgets(fields: list[dict], resident: Any, family: list[Any], posted: dict) -> list:
    """NIK fields are never typed: the applicant's is the chosen resident, another names a
    member of the family."""
    widgets = []
    for field in fields:
        if field.get("type") != "resident_nik":
            continue
        widgets.append(
            {
                "name": field["name"],
                "label": field.get("label", field["name"]),
                "required": bool(field.get("required")),
                "applicant": field["name"] == "nik_pemohon",
                "choices": [(str(m.pk), f"{m.name} · {mask_nik(m.nik)}") for m in family],
                "value": posted.get(field["name"], ""),
            }
        )
    return widgets


def _preview_data_uri(standard: Any, resident: Any, values: dict[str, Any]) -> str:
    png = application_preview(
        version=standard.version_obj,
        resident=resident,
        form_data={k: v for k, v in values.items() if v not in ("", None)},
        today=timezone.localdate(),
    )
    return "data:image/png;base64," + base64.b64encode(png).decode() if png else ""


def _form_context(
    *, resident: Any, service: Any, values: dict[str, Any], posted: dict, family: list
) -> dict[str, Any]:
    standard = standard_for(service)
    return {
        "service": service,
        "widgets": _form_widgets(
            [f for f in standard.form_fields if f.get("type") != "resident_nik"], values
        ),
        "nik_widgets": _nik_widgets(standard.form_fields, resident, family, posted),
        "requirements": standard.requirements,
        "fee": standard.fee,
        "max_mb": f"{max_bytes() / 1024 / 1024:g}",
        "preview": _preview_data_uri(standard, resident, values),
    }


def _resident_context(resident: Any) -> dict[str, Any]:
    return {
        "resident": resident,
        "masked_nik": mask_nik(resident.nik),
        "address": resident_address(resident),
        "family": counter_family(resident),
    }


@login_required
def counter(request: HttpRequest) -> HttpResponse:
    """One page for every step: the search (POSTed: a NIK never travels in a URL), the
    chosen resident's service picker, and the chosen service's prefilled form."""
    context = _point_context(request)
    if request.method == "POST":
        query = (request.POST.get("cari") or "").strip()[:100]
        # A number typed is not written back into the page: it stays on the operator's screen
        # only as long as the search takes.
        context["query"] = "" if any(c.isdigit() for c in query) else query
        context["results"] = counter_search(
            viewer=request.user, point=context["point"], query=query
        )
        context["searched"] = True
        return render(request, "cases/counter.html", context)
    resident, service = _chosen(request, context)
    if request.GET.get("penduduk") and resident is None:
        context["error"] = _("Penduduk tidak ditemukan di wilayah Anda.")
    elif resident is not None:
        context.update(_resident_context(resident))
        if service is None:
            top = counter_top_services(point=context["point"], services=context["services"])
            context["top_services"] = top
        else:
            standard = standard_for(service)
            context.update(
                _form_context(
                    resident=resident,
                    service=service,
                    values=counter_prefill(fields=standard.form_fields, resident=resident),
                    posted={},
                    family=context["family"],
                ),
                idempotency_key=uuid.uuid4().hex,
            )
    return render(request, "cases/counter.html", context)


def _posted_values(fields: list[dict], request: HttpRequest) -> dict[str, str]:
    return {
        w["name"]: request.POST.get(w["name"], "")
        for w in _form_widgets([f for f in fields if f.get("type") != "resident_nik"], {})
    }


@login_required
@require_POST
def counter_preview(request: HttpRequest) -> HttpResponse:
    """The letter as the form stands now, for the page to refresh its preview as one types."""
    context = _point_context(request)
    resident, service = _chosen(request, context)
    if resident is None or service is None:
        raise Http404
    standard = standard_for(service)
    values = _posted_values(standard.form_fields, request)
    return JsonResponse({"image": _preview_data_uri(standard, resident, values)})


@login_required
@require_POST
def counter_submit(request: HttpRequest) -> HttpResponse:
    context = _point_context(request)
    point = context["point"]
    resident, service = _chosen(request, context)
    if resident is None or service is None:
        raise Http404
    context.update(_resident_context(resident))
    family = {str(r.pk): r for r in context["family"]}
    beneficiary = family.get(request.POST.get("untuk", ""), resident)
    standard = standard_for(service)
    values = _posted_values(standard.form_fields, request)
    niks, nik_errors = counter_nik_fields(
        fields=standard.form_fields,
        posted=request.POST.dict(),
        applicant=resident,
        family=context["family"],
    )

    def again(status: int, error: str = "", field_errors: dict | None = None) -> HttpResponse:
        context.update(
            _form_context(
                resident=resident,
                service=service,
                values=values,
                posted=request.POST.dict(),
                family=context["family"],
            ),
            beneficiary=beneficiary,
            idempotency_key=request.POST.get("idempotency_key") or uuid.uuid4().hex,
            error=error,
            field_errors=field_errors or {},
        )
        return render(request, "cases/counter.html", context, status=status)

    if "pratinjau" in request.POST:
        return again(200)
    if nik_errors:
        return again(422, _("Periksa kembali isian formulir."), nik_errors)
    try:
        case = case_submit(
            actor=request.user,
            service=service,
            applicant=resident,
            beneficiary=beneficiary,
            channel=counter_channel(point),
            service_point=point,
            form_data={**{k: v for k, v in values.items() if v != ""}, **niks},
            idempotency_key=request.POST.get("idempotency_key") or None,
            attachments=_request_uploads(request, standard.requirements),
            shown=[c for c in request.POST.getlist("ditunjukkan") if c][:50],
        )
    except CaseError as exc:
        errors = exc.details if isinstance(exc.details, dict) else {}
        return again(exc.status, exc.message, errors)
    if not case.replayed:
        bill_open_after_intake(actor=request.user, case=case)
    messages.success(request, _("Permohonan tersimpan."))
    return redirect("cases:receipt", pk=case.pk)


def _request_uploads(request: HttpRequest, requirements: list[dict]) -> list[Upload]:
    """The counter's file inputs: one per requirement to upload (`berkas_<code>`)."""
    uploads = []
    for req in requirements:
        for f in request.FILES.getlist(f"berkas_{req['code']}")[:5]:
            uploads.append(Upload(f.name or "", f.read(max_bytes() + 1), req["code"]))
    for f in request.FILES.getlist("berkas")[:5]:
        uploads.append(Upload(f.name or "", f.read(max_bytes() + 1), ""))
    return uploads
