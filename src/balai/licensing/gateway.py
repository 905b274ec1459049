"""The OSS gateway: an adapter interface and its HTTP client.

The real OSS RBA interface is reached only through a registered integration; Balai speaks the
shape below to it (or to the sandbox in `sandbox.py`). Every request carries the registration's
idempotency key: a repeated key gets the NIB OSS already gave, never a second one.
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.utils.translation import gettext as _

from balai.licensing.errors import LicensingError


@dataclass(frozen=True)
class GatewayResult:
    """`kind` is issued, rejected (OSS refused the data: do not retry), or a transient fault:
    timeout, server_error, unreachable (retry with the same key)."""

    kind: str
    nib: str | None = None
    http_status: int | None = None
    errors: list[dict[str, str]] = field(default_factory=list)
    detail: str = ""

    @property
    def transient(self) -> bool:
        return self.kind in {"timeout", "server_error", "unreachable"}


class OssGateway(Protocol):
    def register(self, *, key: str, payload: dict[str, Any]) -> GatewayResult: ...

    def lookup(self, *, key: str) -> GatewayResult: ...


class HttpOssGateway:
    """JSON over HTTP: POST /api/v1/nib (Idempotency-Key header), GET /api/v1/nib?key=."""

    def __init__(self, base_url: str, *, timeout: float = 10.0) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise ValueError("the OSS gateway URL must be http(s)")
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def register(self, *, key: str, payload: dict[str, Any]) -> GatewayResult:
        request = urllib.request.Request(  # noqa: S310 - scheme checked in __init__
            f"{self.base_url}/api/v1/nib",
            data=json.dumps(payload).encode(),
            method="POST",
            headers={"Content-Type": "application/json", "Idempotency-Key": key},
        )
        return self._send(request)

    def lookup(self, *, key: str) -> GatewayResult:
        query = urllib.parse.urlencode({"key": key})
        url = f"{self.base_url}/api/v1/nib?{query}"
        return self._send(urllib.request.Request(url))  # noqa: S310 - scheme checked in __init__

    def _send(self, request: urllib.request.Request) -> GatewayResult:
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                body = json.loads(response.read() or b"{}")
                return GatewayResult("issued", nib=body.get("nib"), http_status=response.status)
        except urllib.error.HTTPError as exc:
            try:
                body = json.loads(exc.read() or b"{}")
            except ValueError:
                body = {}
            if exc.code == 404:
                return GatewayResult("not_found", http_status=404)
            if exc.code in (400, 409, 422):
                return GatewayResult(
                    "rejected",
                    http_status=exc.code,
                    errors=list(body.get("errors", [])),
                    detail=str(body.get("message", "")),
                )
            return GatewayResult("server_error", http_status=exc.code, detail=str(body)[:500])
        except TimeoutError:
            return GatewayResult("timeout", detail="no answer in time")
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, (TimeoutError, socket.timeout)):
                return GatewayResult("timeout", detail="no answer in time")
            return GatewayResult("unreachable", detail=str(exc.reason)[:500])
        except (ConnectionError, OSError) as exc:
            return GatewayResult("unreachable", detail=str(exc)[:500])


def gateway_problem() -> str | None:
    """Why the OSS integration cannot be used as configured (English, naming the setting), or
    None. Read by `gateway_default` and by the system check behind `balai check`."""
    url = str(getattr(settings, "LICENSING_OSS_URL", "") or "")
    if not url:
        return "LICENSING_OSS_URL (env BALAI_OSS_URL) is not set: no OSS server to send to"
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"LICENSING_OSS_URL (env BALAI_OSS_URL) is not an http(s) URL: {url!r}"
    try:
        timeout = float(getattr(settings, "LICENSING_OSS_TIMEOUT", 10.0))
    except (TypeError, ValueError):
        timeout = 0.0
    if timeout <= 0:
        return "LICENSING_OSS_TIMEOUT (env BALAI_OSS_TIMEOUT) must be a positive number of seconds"
    return None


def gateway_default() -> OssGateway:
    """The gateway named by settings: `LICENSING_OSS_URL` (the sandbox on loopback for a demo).
    Refuses, before anything starts, when the settings cannot work: a batch that starts
    without a server would only wait."""
    problem = gateway_problem()
    if problem:
        raise LicensingError(
            503,
            "oss_not_configured",
            _("Integrasi OSS belum diatur dengan benar: %(reason)s.") % {"reason": problem},
        )
    return HttpOssGateway(
        settings.LICENSING_OSS_URL, timeout=float(getattr(settings, "LICENSING_OSS_TIMEOUT", 10.0))
    )
