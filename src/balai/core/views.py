from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

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
