"""Checking an uploaded file by what it is, not by what it is called.

Only PDF, JPEG and PNG are accepted. The first bytes say which it claims to be; then it is
actually opened (pypdfium2 for a PDF, Pillow for an image), so a renamed executable or a
truncated scan is refused. Images are scaled down to a long side of
`BALAI_ATTACHMENT_MAX_SIDE` pixels and re-encoded without their metadata (EXIF holds the
phone's location), after turning them upright by their EXIF orientation.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from balai.cases.errors import CaseError

PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
# An image bigger than this many pixels is refused before it is decoded (decompression bombs).
MAX_PIXELS = 60_000_000


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    kind: str  # pdf, jpeg, png
    content_type: str
    extension: str
    sha256: str
    original_sha256: str


def max_bytes() -> int:
    return int(getattr(settings, "BALAI_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))


def _refuse_type() -> CaseError:
    return CaseError(
        422,
        "file_type_not_allowed",
        _("Berkas harus berupa PDF, JPEG atau PNG yang utuh dan dapat dibuka."),
    )


def _check_pdf(data: bytes) -> None:
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except Exception as exc:  # pypdfium2 raises its own error types for every broken file
        raise _refuse_type() from exc
    try:
        if len(pdf) < 1:
            raise _refuse_type()
    finally:
        pdf.close()


def _reencode_image(data: bytes, kind: str) -> bytes:
    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format != kind.upper():
                    raise _refuse_type()
                probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
    except CaseError:
        raise
    except Exception as exc:  # truncated, corrupt or oversized images all land here
        raise _refuse_type() from exc
    image = ImageOps.exif_transpose(image) or image
    side = int(getattr(settings, "BALAI_ATTACHMENT_MAX_SIDE", 2000))
    image.thumbnail((side, side))
    out = io.BytesIO()
    if kind == "jpeg":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, format="JPEG", quality=85, optimize=True)
    else:
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P", "1"):
            image = image.convert("RGBA")
        image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def upload_check(data: bytes) -> CheckedFile:
    """The file as Balai keeps it, or a CaseError saying in Bahasa Indonesia what is wrong."""
    limit = max_bytes()
    if len(data) > limit:
        raise CaseError(
            413,
            "file_too_large",
            _("Berkas terlalu besar: paling besar %(mb)s MB.") % {"mb": f"{limit / 1024 / 1024:g}"},
        )
    if not data:
        raise CaseError(422, "file_empty", _("Berkas kosong."))
    original = hashlib.sha256(data).hexdigest()
    if data.startswith(PDF_MAGIC):
        _check_pdf(data)
        return CheckedFile(data, "pdf", "application/pdf", "pdf", original, original)
    if data.startswith(PNG_MAGIC):
        kind, content_type, extension = "png", "image/png", "png"
    elif data.startswith(JPEG_MAGIC):
        kind, content_type, extension = "jpeg", "image/jpeg", "jpg"
    else:
        raise _refuse_type()
    content = _reencode_image(data, kind)
    return CheckedFile(
        content, kind, content_type, extension, hashlib.sha256(content).hexdigest(), original
    )
