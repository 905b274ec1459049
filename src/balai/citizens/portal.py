"""The online citizen portal: sign in (NIK + PIN + a code by SMS), my applications, apply
online, sign out. Thin: the services decide. No personal data in URLs; every page no-store."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from balai.cases.choices import Channel
from balai.cases.errors import CaseError
from balai.cases.selectors import case_state_name
from balai.cases.services import case_submit
from balai.cases.standard import standard_for
from balai.cases.tracking import tracking_code_display
from balai.cases.views import _form_widgets as form_widgets
from balai.citizens import selectors
from balai.citizens.errors import CitizenAuthError
from balai.citizens.forms import CodeForm, SignInForm
from balai.citizens.session import citizen_login, citizen_logout, current_citizen
from balai.citizens.sign_in import (
    public_sign_in_wait,
    sign_in_finish,
    sign_in_resend,
    sign_in_start,
)
from balai.core.client import client_ip
from balai.notifications.addresses import phone_mask, phone_normalise

PENDING_KEY = "balai_citizen_pending"
ONLINE = "online"


def citizen_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        request.citizen = current_citizen(request, channel=ONLINE)
        if request.citizen is None:
            return redirect("citizens:sign_in")
        return view(request, *args, **kwargs)

    return never_cache(wrapper)


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if current_citizen(request, channel=ONLINE) is not None:
        return redirect("citizens:my_cases")
    form = SignInForm(request.POST or None)
    error = ""
    wait = 0
    if request.method == "POST" and form.is_valid():
        # Counted per client before the PIN is checked, and never given back on success:
        # one browser may not spray PINs over many NIKs (each NIK has its own lockout too).
        wait = public_sign_in_wait(ip=client_ip(request))
    if wait:
        error = _("Terlalu banyak percobaan masuk. Coba lagi dalam %(m)d menit.") % {
            "m": max(1, (wait + 59) // 60)
        }
    elif request.method == "POST" and form.is_valid():
        try:
            pending = sign_in_start(nik=form.cleaned_data["nik"], pin=form.cleaned_data["pin"])
        except CitizenAuthError as exc:
            error = exc.message
        else:
            request.session.cycle_key()
            request.session[PENDING_KEY] = {
                "id": pending.pk,
                "to": phone_mask(phone_normalise(pending.resident.phone) or ""),
            }
            return redirect("citizens:sign_in_code")
    return render(
        request,
        "citizens/portal_sign_in.html",
        {"form": form, "error": error},
        status=429 if wait else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_code(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING_KEY)
    if not pending:
        return redirect("citizens:sign_in")
    form = CodeForm(request.POST if request.POST.get("step") == "code" else None)
    error = ""
    try:
        if request.POST.get("step") == "resend":
            sign_in_resend(pending_id=pending["id"])
            messages.info(request, _("Kode baru sudah dikirim."))
            return redirect("citizens:sign_in_code")
        if form.is_valid():
            resident = sign_in_finish(pending_id=pending["id"], code=form.cleaned_data["code"])
            citizen_login(request, resident, channel=ONLINE)
            return redirect("citizens:my_cases")
    except CitizenAuthError as exc:
        if exc.code == "code_spent":
            request.session.pop(PENDING_KEY, None)
            messages.error(request, exc.message)
            return redirect("citizens:sign_in")
        error = exc.message
    return render(
        request,
        "citizens/portal_code.html",
        {"form": form, "error": error, "masked_phone": pending.get("to", "")},
    )


@never_cache
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    citizen_logout(request)
    return redirect("citizens:sign_in")


@citizen_required
def my_cases(request: HttpRequest) -> HttpResponse:
    rows = [
        {
            "case": case,
            "display_code": tracking_code_display(case.tracking_code),
            "stage": case_state_name(case),
            # Relative: the portal and the tracking page are on the same host.
            "link": f"{reverse('cases:track')}?kode={case.tracking_code}",
        }
        for case in selectors.citizen_cases(request.citizen)
    ]
    return render(
        request,
        "citizens/portal_cases.html",
        {"citizen": request.citizen, "rows": rows, "services": selectors.online_services()},
    )


@citizen_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    """GET ?layanan=<service code>: the form; POST: file the case online for oneself."""
    code = request.POST.get("layanan") or request.GET.get("layanan")
    service = next((s for s in selectors.online_services() if s.code == code), None)
    if service is None:
        raise Http404
    standard = standard_for(service)
    fields = form_widgets(standard.form_fields, {})
    context = {
        "citizen": request.citizen,
        "service": service,
        "requirements": standard.requirements,
        "widgets": fields,
        "idempotency_key": uuid.uuid4().hex,
    }
    if request.method == "POST":
        values = {w["name"]: request.POST.get(w["name"], "") for w in fields}
        try:
            case = case_submit(
                actor=request.citizen,
                service=service,
                applicant=request.citizen,
                channel=Channel.ONLINE,
                form_data={k: v for k, v in values.items() if v != ""},
                idempotency_key=request.POST.get("idempotency_key") or None,
            )
        except CaseError as exc:
            context.update(
                widgets=form_widgets(standard.form_fields, values),
                error=exc.message,
                field_errors=exc.details if isinstance(exc.details, dict) else {},
            )
            return render(request, "citizens/portal_apply.html", context, status=exc.status)
        messages.success(
            request,
            _("Permohonan terkirim. Kode lacak: %(code)s.")
            % {"code": tracking_code_display(case.tracking_code)},
        )
        return redirect("citizens:my_cases")
    return render(request, "citizens/portal_apply.html", context)
