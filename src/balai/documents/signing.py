"""Signers: turn a rendered PDF into a PAdES-signed one.

`LocalSigner` signs with an official's key from the local keystore. `RemoteSigner` speaks to a
signing service in the style of the national one (BSrE): the file, the signer's id (NIK) and a
passphrase go with every request and the passphrase is never stored.
"""

from __future__ import annotations

import asyncio
import io
import threading
import urllib.request
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol, TypeVar

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from balai.documents import keystore
from balai.documents.errors import DocumentError

FIELD_NAME = "TandaTanganElektronik"
T = TypeVar("T")
_cache: dict[str, signers.SimpleSigner] = {}
_cache_lock = threading.Lock()


def outside_event_loop(fn: Callable[[], T]) -> T:
    """pyHanko's synchronous API starts its own event loop, which cannot nest: when the caller
    already runs one (an async view, a browser-driving test), run `fn` in a plain thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn).result()


class Signer(Protocol):
    key_id: str

    def sign(self, pdf: bytes, *, reason: str, location: str) -> bytes: ...


def _signature_metadata(reason: str, location: str) -> signers.PdfSignatureMetadata:
    return signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
    )


class LocalSigner:
    def __init__(self, *, office_code: str, common_name: str) -> None:
        self.official = keystore.official_key_ensure(
            office_code=office_code, common_name=common_name
        )
        self.key_id = self.official.key_id

    def _signer(self) -> signers.SimpleSigner:
        cache_key = f"{self.official.key_path}:{self.official.cert_path.stat().st_mtime_ns}"
        with _cache_lock:
            found = _cache.get(cache_key)
            if found is None:
                _ca_key, ca_cert = keystore.ca_paths()
                found = signers.SimpleSigner.load(
                    str(self.official.key_path),
                    str(self.official.cert_path),
                    ca_chain_files=(str(ca_cert),),
                    key_passphrase=keystore.passphrase(),
                )
                if found is None:
                    raise DocumentError("signer_key_unreadable", "Kunci penanda tangan rusak.")
                _cache[cache_key] = found
        return found

    def sign(self, pdf: bytes, *, reason: str, location: str) -> bytes:
        return outside_event_loop(lambda: self._sign(pdf, reason=reason, location=location))

    def _sign(self, pdf: bytes, *, reason: str, location: str) -> bytes:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        pdf_signer = signers.PdfSigner(_signature_metadata(reason, location), signer=self._signer())
        # A fixed reservation spares pyHanko a trial signature to size the placeholder.
        return pdf_signer.sign_pdf(writer, bytes_reserved=8192).getvalue()


class RemoteSigner:
    """POST multipart (file, nik, passphrase) to `{base_url}/api/sign/pdf`; the reply is the
    signed PDF. The passphrase lives only in this object, for one issuing call."""

    def __init__(self, *, base_url: str, nik: str, passphrase: str, timeout: float = 30) -> None:
        self.base_url = base_url.rstrip("/")
        self.nik = nik
        self._passphrase = passphrase
        self.timeout = timeout
        self.key_id = f"remote-{nik[-4:]}"

    def sign(self, pdf: bytes, *, reason: str, location: str) -> bytes:
        boundary = uuid.uuid4().hex
        parts = [
            (name, None, value.encode())
            for name, value in (
                ("nik", self.nik),
                ("passphrase", self._passphrase),
                ("tampilan", "invisible"),
                ("reason", reason),
                ("location", location),
            )
        ]
        parts.append(("file", "dokumen.pdf", pdf))
        body = io.BytesIO()
        for name, filename, value in parts:
            body.write(f"--{boundary}\r\n".encode())
            disposition = f'form-data; name="{name}"'
            if filename:
                disposition += f'; filename="{filename}"'
            body.write(f"Content-Disposition: {disposition}\r\n".encode())
            if filename:
                body.write(b"Content-Type: application/pdf\r\n")
            body.write(b"\r\n" + value + b"\r\n")
        body.write(f"--{boundary}--\r\n".encode())
        request = urllib.request.Request(  # noqa: S310 - the URL is the configured service
            f"{self.base_url}/api/sign/pdf",
            data=body.getvalue(),
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                signed = response.read()
        except OSError as exc:
            raise DocumentError(
                "remote_signer_failed",
                "Layanan tanda tangan elektronik menolak atau tidak menjawab.",
            ) from exc
        if not signed.startswith(b"%PDF"):
            raise DocumentError("remote_signer_failed", "Layanan tanda tangan tidak mengirim PDF.")
        return signed
