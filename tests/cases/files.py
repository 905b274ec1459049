"""Real files for upload tests, made by the same libraries that check them."""

from __future__ import annotations

import io


def pdf_bytes(pages: int = 1) -> bytes:
    import pypdfium2

    pdf = pypdfium2.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    out = io.BytesIO()
    pdf.save(out)
    pdf.close()
    return out.getvalue()


def image_bytes(fmt: str = "JPEG", size: tuple[int, int] = (40, 30), exif: bool = False) -> bytes:
    from PIL import Image

    image = Image.new("RGB", size, (200, 120, 40))
    out = io.BytesIO()
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "KameraPonsel"  # Make
        data[0x0112] = 6  # Orientation: rotate 90° to show upright
        kwargs["exif"] = data.tobytes()
    image.save(out, format=fmt, **kwargs)
    return out.getvalue()
