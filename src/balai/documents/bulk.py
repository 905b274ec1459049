"""Bulk issuance for outreach days and licensing: many documents in one call.

Numbers, seals and rows are made in the calling process inside one transaction; rendering and
signing (the CPU-bound part) run in worker processes; files, audit events and one merged PDF
for printing are written back in the same transaction. One refusal issues nothing.
"""

from __future__ import annotations

import hashlib
import io
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from balai.audit.services import audit_record
from balai.documents import keystore
from balai.documents.issuers import issuer_for, issuer_signer
from balai.documents.models import Document, DocumentType
from balai.documents.services import document_number_and_seal, permission_require
from balai.documents.signing import Signer
from balai.documents.workers import render_and_sign, worker_init
from balai.people.nik import mask_nik
from balai.regions.models import Region


@dataclass(frozen=True)
class BulkResult:
    documents: list[Document]
    merged_path: str  # storage name of the print file (unsigned: each signed file is separate)


def _pool_map(jobs: list, workers: int) -> list[bytes]:
    if workers <= 1 or len(jobs) <= 1:
        return [render_and_sign(job) for job in jobs]
    # spawn, not fork: a fork after Typst has run in this process copies its locked worker
    # threads' mutexes and the child can hang.
    context = multiprocessing.get_context("spawn")
    init_args = (
        os.environ.get("DJANGO_SETTINGS_MODULE", "balai.settings"),
        str(keystore.key_dir()),
    )
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=worker_init, initargs=init_args
    ) as pool:
        return list(pool.map(render_and_sign, jobs, chunksize=max(1, len(jobs) // (workers * 4))))


def _merge(pdfs: Sequence[bytes]) -> bytes:
    import pypdfium2

    merged = pypdfium2.PdfDocument.new()
    for data in pdfs:
        merged.import_pages(pypdfium2.PdfDocument(data))
    out = io.BytesIO()
    merged.save(out)
    return out.getvalue()


def documents_issue_bulk(
    *,
    actor: Any,
    document_type: DocumentType,
    residents: Sequence[Any],
    office: Region | None = None,
    agency: Any = None,
    signer: Signer | None = None,
    form_data: dict[str, Any] | None = None,
    workers: int | None = None,
    form_data_each: Sequence[dict[str, Any]] | None = None,
) -> BulkResult:
    """`office` issues, or `agency` (for its products: licences, certificates).

    `form_data_each`, when given, holds one form per resident (a NIB per business owner);
    otherwise every document prints `form_data`."""
    if form_data_each is not None and len(form_data_each) != len(residents):
        raise ValueError("form_data_each needs one form per resident")
    workers = workers or min(4, os.cpu_count() or 1)
    now = timezone.now()
    issuer = issuer_for(office=office, agency=agency)
    office = issuer.office
    signer = signer or issuer_signer(issuer)
    seal_key = keystore.seal_private_key()
    seal_key_id = keystore.seal_key_id(seal_key.public_key())
    with transaction.atomic():
        profile = issuer.profile
        documents, jobs = [], []
        for index, resident in enumerate(residents):
            form = form_data_each[index] if form_data_each is not None else form_data
            document = Document(
                regency_code=office.code[:5],
                office=office,
                agency=issuer.agency,
                document_type=document_type,
                holder=resident,
                holder_name=resident.name,
                holder_nik_masked=mask_nik(resident.nik),
                signed_by=issuer.signed_by,
                form_data=form or {},
                issued_at=now,
                issued_by=actor if getattr(actor, "pk", None) else None,
            )
            permission_require(actor, "documents.issue", document)
            data = document_number_and_seal(
                document,
                office=office,
                profile=profile,
                seal_key=seal_key,
                seal_key_id=seal_key_id,
                form_data=form,
                with_qr=False,
            )
            data["reason"] = f"{document_type.name} {document.number}"
            documents.append(document)
            jobs.append((data, signer))
        signed_files = _pool_map(jobs, workers)
        for document, signed in zip(documents, signed_files, strict=True):
            document.sha256 = hashlib.sha256(signed).hexdigest()
            document.seal_key_id = seal_key_id
            document.signer_key_id = signer.key_id
            document.file.save(
                f"{document.regency_code}/{document.year}/{document.pk}-{document.sha256[:12]}.pdf",
                ContentFile(signed),
                save=False,
            )
            document.save(
                update_fields=["seal_code", "sha256", "seal_key_id", "signer_key_id", "file"]
            )
            audit_record(
                actor=actor,
                action="documents.issued",
                obj=document,
                region_code=office.code,
                after={"number": document.number, "type": document_type.code, "bulk": True},
            )
        merged_path = default_storage.save(
            f"documents/cetak/{issuer.key_code}-{now:%Y%m%d%H%M%S}.pdf",
            ContentFile(_merge(signed_files)),
        )
    return BulkResult(documents=documents, merged_path=merged_path)
