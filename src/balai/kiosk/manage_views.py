"""Staff pages for kiosks: register, enrol a browser, revoke, and read a device's print log.

Role and scope: `kiosk.manage` (admin_mpp for their service point, admin_kabupaten for their
region); a device outside the viewer's scope is a 404.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from balai.accounts.access import permission_required_scoped
from balai.kiosk import selectors, services
from balai.kiosk.errors import KioskError
from balai.kiosk.forms import EnrolForm, RegisterForm, RevokeForm
from balai.kiosk.tokens import COOKIE_MAX_AGE, COOKIE_NAME
from balai.kiosk.views import no_store

PRINT_LOG_PAGE_SIZE = 50


@permission_required_scoped("kiosk.manage")
@require_http_methods(["GET", "POST"])
def device_list(request: HttpRequest) -> HttpResponse:
    points = selectors.points_for(viewer=request.user)
    form = RegisterForm(request.POST or None, points=points)
    if request.method == "POST" and form.is_valid():
        try:
            device, token = services.device_register(
                actor=request.user,
                service_point=form.cleaned_data["service_point"],
                name=form.cleaned_data["name"],
                idle_seconds=form.cleaned_data["idle_seconds"],
            )
        except KioskError as exc:
            form.add_error(None, exc.message)
        else:
            # The token is shown on this answer only; it is never stored in clear.
            return no_store(
                render(request, "kiosk/manage/registered.html", {"device": device, "token": token})
            )
    return render(
        request,
        "kiosk/manage/list.html",
        {"devices": selectors.devices_for(viewer=request.user), "form": form},
    )


@permission_required_scoped("kiosk.manage")
def device_detail(request: HttpRequest, pk: int) -> HttpResponse:
    device = selectors.device_get(viewer=request.user, pk=pk)
    if device is None:
        raise Http404
    jobs = Paginator(
        selectors.print_jobs_for(viewer=request.user, device=device), PRINT_LOG_PAGE_SIZE
    ).get_page(request.GET.get("halaman"))
    return render(
        request,
        "kiosk/manage/detail.html",
        {"device": device, "jobs": jobs, "form": RevokeForm()},
    )


@permission_required_scoped("kiosk.manage")
@require_POST
def device_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    device = selectors.device_get(viewer=request.user, pk=pk)
    if device is None:
        raise Http404
    form = RevokeForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.device_revoke(actor=request.user, device=device, reason=reason)
    except KioskError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Perangkat %(name)s dicabut.") % {"name": device.name})
    return redirect("kiosk:manage_detail", pk=device.pk)


@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """Run on the kiosk's own browser: the token becomes an HttpOnly, SameSite=Strict cookie
    (Secure in production), and any staff session in that browser ends, so the public screen
    is left with the device's identity only."""
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.device_enrol(token=form.cleaned_data["token"])
        except KioskError as exc:
            form.add_error("token", exc.message)
        else:
            logout(request)
            response = redirect("kiosk:home")
            response.set_cookie(
                COOKIE_NAME,
                form.cleaned_data["token"].strip(),
                max_age=COOKIE_MAX_AGE,
                httponly=True,
                secure=settings.SESSION_COOKIE_SECURE,
                samesite="Strict",
            )
            return no_store(response)
    return no_store(render(request, "kiosk/enrol.html", {"form": form}))
