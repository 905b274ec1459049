"""What the kiosk prints: the QR on its receipts and the pages of a signed PDF as pictures.

Chromium in kiosk mode prints the page on screen (`--kiosk-printing`), not a PDF in a viewer,
so a document is shown as its own pages at print resolution on an A4 print stylesheet. The
signed PDF stays the legal proof (Permendagri 109/2019); the paper shows it with its QR, which
anyone can verify against the register.
"""

from __future__ import annotations

import base64
import io

import pypdfium2 as pdfium
import segno
from django.conf import settings

from balai.cases.tracking import tracking_code_display

# 150 dpi: sharp on a laser printer, small enough to send to a kiosk over a village network.
PRINT_DPI = 150
MAX_PAGES = 10


def qr_data_uri(text: str) -> str:
    buf = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buf, kind="svg", border=2, xmldecl=False)
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def tracking_url(code: str) -> str:
    """What the receipt's QR holds: the public tracking page, which the kiosk's reader also
    understands as the citizen's sign-in code."""
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    return f"{base}/permohonan/lacak/?kode={tracking_code_display(code)}"


def pdf_pages_png(data: bytes) -> list[str]:
    """The pages of a PDF as PNG data URIs, at PRINT_DPI."""
    pdf = pdfium.PdfDocument(data)
    try:
        pages = []
        for index in range(min(len(pdf), MAX_PAGES)):
            page = pdf[index]
            image = page.render(scale=PRINT_DPI / 72).to_pil()
            buf = io.BytesIO()
            image.save(buf, format="PNG", optimize=False)
            pages.append("data:image/png;base64," + base64.b64encode(buf.getvalue()).decode())
            page.close()
        return pages
    finally:
        pdf.close()
