"""`balai check --deploy` fails, not warns, on a server that is not set up for production.

Django's own deploy checks only warn about DEBUG and the secret key; a public-service server
holding the population register must not start that way at all (ASVS 5.0 13.4.2, 13.3.1).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.urls import Resolver404, resolve


@register(Tags.security, deploy=True)
def production_settings(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    errors: list[Error] = []

    def refuse(code: str, msg: str, hint: str) -> None:
        errors.append(Error(msg, hint=hint, id=f"balai.E{code}"))

    if not getattr(settings, "PRODUCTION", False):
        refuse("001", "BALAI_ENV is not 'production'.", "Set BALAI_ENV=production on a server.")
    if settings.DEBUG:
        refuse("002", "DEBUG is on.", "Leave BALAI_DEBUG unset in production.")
    if "*" in settings.ALLOWED_HOSTS or not settings.ALLOWED_HOSTS:
        refuse("003", "ALLOWED_HOSTS accepts any host.", "List the hosts in BALAI_ALLOWED_HOSTS.")
    if "development-key" in settings.SECRET_KEY or len(settings.SECRET_KEY) < 50:
        refuse("004", "The secret key is the published one or too short.", "Set BALAI_SECRET_KEY.")
    if not getattr(settings, "KEY_PASSPHRASE_SET", False):
        refuse("005", "The signing keys have no passphrase.", "Set BALAI_KEY_PASSPHRASE.")
    try:
        resolve(f"{settings.MEDIA_URL.rstrip('/')}/probe.pdf")
    except Resolver404:
        pass
    else:
        refuse("006", "Uploaded files are served publicly.", "Remove the media URL pattern.")
    if not settings.TRUSTED_PROXIES and settings.SECURE_PROXY_SSL_HEADER:
        refuse(
            "007",
            "The TLS proxy is trusted for HTTPS but not named for client addresses.",
            "Set BALAI_TRUSTED_PROXIES to the proxy's address.",
        )
    return errors
