"""Readers that name the citizen at a kiosk; the PIN still proves it is them.

A reader turns what a device read into a resident: the QR on an earlier receipt (the case's
tracking code) or on a signed document (its seal) today; a KTP-el card reader or a
fingerprint scanner later. On the page, a reader's driver calls the JavaScript hook
`window.BalaiKiosk.reader(kind, payload)` (static/kiosk/kiosk.js), which posts `kind` and
`payload` with the PIN typed on the keypad; here `reader_for(kind)` picks the Python side.

To add one, implement `IdentityReader` and name it in the `KIOSK_READERS` setting
(`{"ktp": "mypackage.readers.KtpReader"}`): a card reader returns the resident whose NIK the
chip holds, a fingerprint reader the resident the matching service answered for.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from django.conf import settings
from django.utils.module_loading import import_string

from balai.cases.tracking import tracking_code_normalise
from balai.documents.choices import DocumentStatus
from balai.documents.seal import code_from_text
from balai.documents.selectors import document_by_seal
from balai.people.models import Resident


@runtime_checkable
class IdentityReader(Protocol):
    kind: str

    def resident_for(self, payload: str) -> Resident | None:
        """The resident `payload` names, or None (never raise for a bad read)."""


class QrReader:
    """The QR (or its printed code) on a Balai receipt or signed document."""

    kind = "qr"

    def resident_for(self, payload: str) -> Resident | None:
        from balai.cases.models import Case

        text = (payload or "").strip()[:2000]
        if not text:
            return None
        code = code_from_text(text) if ("://" in text or text.startswith("/")) else text
        tracking = tracking_code_normalise(code)
        if tracking is not None:
            case = Case.objects.select_related("applicant").filter(tracking_code=tracking).first()
            return case.applicant if case is not None else None
        _payload, document = document_by_seal(code)
        if document is None or document.status != DocumentStatus.ISSUED:
            return None
        return document.holder


DEFAULT_READERS = {"qr": "balai.kiosk.readers.QrReader"}


def reader_for(kind: str) -> IdentityReader | None:
    readers = {**DEFAULT_READERS, **getattr(settings, "KIOSK_READERS", {})}
    path = readers.get(kind)
    return import_string(path)() if path else None
