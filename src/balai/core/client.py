"""The client's address, as the documented TLS proxy saw it.

Behind the proxy every request arrives from the proxy's own address, so keying limits on
REMOTE_ADDR puts every citizen and officer behind one counter. X-Forwarded-For is believed
only when the request came from an address named in BALAI_TRUSTED_PROXIES, and then only its
right-most entry that is not itself a trusted proxy: everything left of it is what the client
wrote and can be forged (ASVS 5.0 4.1.3).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    remote = _valid(request.META.get("REMOTE_ADDR", "") or "")
    trusted = set(settings.TRUSTED_PROXIES)
    if remote is None or remote not in trusted:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([h for h in forwarded.split(",") if h.strip()]):
        address = _valid(hop)
        if address is None:
            return remote  # a garbled header names nobody; count it against the proxy
        if address not in trusted:
            return address
    return remote
