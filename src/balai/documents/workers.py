"""What bulk issuance runs in worker processes. Imports nothing of Django's app registry at
module level: a spawned worker loads this module before `worker_init` has set Django up."""

from __future__ import annotations

import os
from typing import Any


def worker_init(settings_module: str, key_dir: str) -> None:
    # Workers only render and sign; they need the keystore's place, never the database.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    import django
    from django.conf import settings

    django.setup()
    settings.DOCUMENTS_KEY_DIR = key_dir


def render_and_sign(job: tuple[dict[str, Any], Any]) -> bytes:
    from balai.documents.rendering import letter_render, qr_svg

    data, signer = job
    data = {**data, "qr_svg": qr_svg(data["verify_url"])}
    return signer.sign(letter_render(data), reason=data["reason"], location=data["office"]["name"])
