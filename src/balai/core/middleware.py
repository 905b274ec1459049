from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse

from balai.core import context
from balai.core.client import client_ip

logger = logging.getLogger("django.request")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestContextMiddleware:
    """Gives every request an id (or keeps a well-formed X-Request-ID) and binds it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        ip = client_ip(request)
        channel = "api" if request.path.startswith("/api/") else "web"
        request.request_id = request_id  # type: ignore[attr-defined]
        request.client_ip = ip  # type: ignore[attr-defined]
        with context.bound(context.RequestContext(request_id=request_id, ip=ip, channel=channel)):
            response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


class ContentSecurityPolicyMiddleware:
    """One strict policy for every page: no inline script, nothing from other origins."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class PrivateCacheMiddleware:
    """Marks responses that show personal data as not cacheable by the browser or proxies."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response.setdefault("Cache-Control", "no-store, private")
        return response


_NUL_ENCODED = re.compile(rb"%00|\\u0000|\x00", re.IGNORECASE)


def _holds_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path or _NUL_ENCODED.search(
        request.META.get("QUERY_STRING", "").encode("latin-1", "replace")
    ):
        return True
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return False
    if request.content_type == "multipart/form-data":
        # Files may hold NUL bytes (every PDF does); the text fields and file names may not.
        fields = [v for values in request.POST.lists() for v in values[1]]
        names = [f.name or "" for files in request.FILES.lists() for f in files[1]]
        return any("\x00" in text for text in (*fields, *names))
    return bool(_NUL_ENCODED.search(request.body))


class RefuseNulMiddleware:
    """Refuses, with a 400, any request carrying a NUL character in its path, query, form or
    body (raw, %00 or JSON's \\u0000).

    PostgreSQL text cannot hold NUL, so such input reached the database as a server error on
    path after path; no field of Balai has a use for it, so it is refused once, here, before
    any view parses it (ASVS 5.0 1.2, 1.3: input the application cannot process safely is
    rejected at the boundary).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            refused = _holds_nul(request)
        except (ValueError, UnicodeError):
            # A body the parsers cannot read holds nothing a view could use either.
            refused = True
        if refused:
            return _bad_request(request, "nul_character", "Isian mengandung karakter NUL.")
        return self.get_response(request)


class DebugErrorPagesMiddleware:
    """With DEBUG on, Django answers Http404 and errors with its technical pages, which list
    every URL pattern or a traceback to whoever asks. Balai shows its own pages in every mode;
    the traceback still goes to the log."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not settings.DEBUG:
            return None  # handler404 / handler500 answer
        from balai.core.views import not_found, server_error

        if isinstance(exception, Http404):
            return not_found(request, exception)
        if isinstance(exception, PermissionDenied | SuspiciousOperation):
            return None
        logger.error("Internal Server Error: %s", request.path, exc_info=exception)
        return server_error(request)


def _bad_request(request: HttpRequest, code: str, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"code": code, "message": message}, status=400)
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
