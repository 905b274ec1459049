"""Pages of the programmes: public (programmes, beneficiaries, tracking), the kiosk's apply
screens, and the staff's dashboard, field verification (on a phone) and decision."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from balai.accounts.permissions import can, has_perm_anywhere
from balai.kiosk.views import _render as kiosk_render
from balai.kiosk.views import kiosk_page
from balai.people.nik import mask_nik
from balai.programs import selectors
from balai.programs.choices import Channel
from balai.programs.decisions import application_approve, application_refuse, application_verify
from balai.programs.errors import ProgramError
from balai.programs.models import Programme
from balai.programs.services import application_submit

CHECKLIST = [
    ("usaha_ada", "Tempat usaha ada dan buka"),
    ("pemilik_sesuai", "Pemilik sesuai KTP-el"),
    ("dokumen_sesuai", "Dokumen yang dibawa sesuai aslinya"),
]


# --- public -------------------------------------------------------------------------------
def programme_list(request: HttpRequest) -> HttpResponse:
    return render(request, "programs/list.html", {"programmes": selectors.programmes_public()})


def beneficiaries(request: HttpRequest, code: str) -> HttpResponse:
    programme = get_object_or_404(Programme, code=code)
    try:
        page = max(int(request.GET.get("hal", "1")), 1)
    except ValueError:
        page = 1
    rows = selectors.beneficiaries_public(programme, page=min(page, 10_000))
    return render(
        request,
        "programs/beneficiaries.html",
        {"programme": programme, "rows": rows, "page": page},
    )


def track(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("kode", "")
    application = selectors.application_tracked(code) if code else None
    return render(
        request,
        "programs/track.html",
        {
            "code": code[:12],
            "application": application,
            "nik": mask_nik(application.nik) if application else "",
            "not_found": bool(code) and application is None,
        },
    )


# --- kiosk --------------------------------------------------------------------------------
@kiosk_page()
@require_http_methods(["GET", "POST"])
def kiosk_apply(request: HttpRequest) -> HttpResponse:
    """Open programmes for the signed-in citizen; eligibility is answered at once."""
    resident = request.kiosk_citizen  # type: ignore[attr-defined]
    context: dict[str, Any] = {
        "programmes": [p for p in selectors.programmes_public() if p.is_open],
        "masked_nik": mask_nik(resident.nik),
    }
    if request.method == "POST":
        programme = get_object_or_404(Programme, code=request.POST.get("program", ""))
        result = application_submit(
            actor=None,
            programme=programme,
            resident=resident,
            channel=Channel.KIOSK,
            brought={d["code"]: True for d in programme.bring if request.POST.get(d["code"])},
            bank_account=request.POST.get("rekening", "").strip()[:30],
        )
        context.update(programme=programme, result=result)
    return kiosk_render(request, "programs/kiosk.html", context)


# --- staff --------------------------------------------------------------------------------
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    if not has_perm_anywhere(request.user, "programs.view"):
        raise Http404
    programmes = list(selectors.programmes_public())
    usage = [(p, selectors.budget_usage(request.user, p)) for p in programmes]
    recent = [(a, mask_nik(a.nik)) for a in selectors.applications_for(request.user)[:50]]
    return render(
        request,
        "programs/dashboard.html",
        {
            "usage": usage,
            "recent": recent,
            "duplicates": selectors.duplicates(request.user),
        },
    )


@login_required
def application_detail(request: HttpRequest, code: str) -> HttpResponse:
    application = selectors.application_for(request.user, code=code)
    if application is None:
        raise Http404
    return render(
        request,
        "programs/application.html",
        {
            "a": application,
            "nik": mask_nik(application.nik),
            "checklist": CHECKLIST,
            "bring": application.programme.bring,
            "may_verify": can(request.user, "programs.verify", application),
            "may_decide": can(request.user, "programs.decide", application),
        },
    )


@login_required
@require_POST
def application_act(request: HttpRequest, code: str) -> HttpResponse:
    application = selectors.application_for(request.user, code=code)
    if application is None:
        raise Http404
    action = request.POST.get("action")
    try:
        if action == "verify":
            checks = {key: bool(request.POST.get(key)) for key, _label in CHECKLIST}
            checks.update(
                {d["code"]: bool(request.POST.get(d["code"])) for d in application.programme.bring}
            )
            application_verify(
                actor=request.user,
                application=application,
                latitude=_number(request.POST.get("lat")),
                longitude=_number(request.POST.get("lon")),
                checklist=checks,
                photo=request.FILES.get("foto"),
            )
            messages.success(request, _("Verifikasi lapangan tersimpan."))
        elif action == "approve":
            application_approve(actor=request.user, application=application)
            messages.success(request, _("Permohonan disetujui."))
        elif action == "refuse":
            application_refuse(
                actor=request.user, application=application, reason=request.POST.get("alasan", "")
            )
            messages.success(request, _("Permohonan ditolak."))
        else:
            raise ProgramError(400, "bad_action", _("Tindakan tidak dikenal."))
    except ProgramError as exc:
        messages.error(request, exc.message)
    return redirect("programs:application", code=application.tracking_code)


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None
