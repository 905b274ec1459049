from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext_lazy as _

from balai.accounts.permissions import has_perm_anywhere


def home(request: HttpRequest) -> HttpResponse:
    """The public welcome, or for a signed-in staff member: their roles, scope and shortcuts."""
    context = {}
    if request.user.is_authenticated:
        context = {
            "assignments": request.user.staff_roles.select_related(
                "region__parent", "agency", "service_point"
            ).order_by("role"),
            "may_search_residents": has_perm_anywhere(request.user, "people.view_resident"),
            "may_browse_regions": has_perm_anywhere(request.user, "regions.view"),
        }
    return render(request, "core/home.html", context)


def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Balai's own 404, in every mode: an API client gets the API's error body instead."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"code": "not_found", "message": str(_("Tidak ditemukan."))}, status=404
        )
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Balai's own 500: rendered without the request's context, which may be what broke."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"code": "server_error", "message": str(_("Terjadi kesalahan di server."))},
            status=500,
        )
    return HttpResponseServerError(loader.get_template("500.html").render())


def unmatched(request: HttpRequest, path: str = "") -> HttpResponse:
    """The last URL pattern: an address nothing else answers. Without it DEBUG mode shows
    Django's technical 404 listing every URL pattern of the site."""
    return not_found(request)
