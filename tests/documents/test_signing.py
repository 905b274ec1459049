"""The remote signer adapter against a fake of the national signing service on loopback."""

from __future__ import annotations

import pytest

from balai.documents.errors import DocumentError
from balai.documents.models import Document, OutgoingRegister
from balai.documents.services import document_issue
from balai.documents.signing import LocalSigner, RemoteSigner
from balai.documents.verification import pdf_verify
from tests.documents.fake_bsre import FakeBsre

NIK = "3510051203700001"
PASSPHRASE = "rahasia-kepala-desa"


@pytest.fixture
def bsre():
    official = LocalSigner(office_code="bsre-test", common_name="Kepala Desa Sumberberas")
    with FakeBsre(nik=NIK, passphrase=PASSPHRASE, signer=official) as fake:
        yield fake


def test_remote_signature_validates_and_the_passphrase_is_not_kept(bsre, letter_type, resident):
    signer = RemoteSigner(base_url=bsre.url, nik=NIK, passphrase=PASSPHRASE)
    document = document_issue(
        actor=None, document_type=letter_type, resident=resident, signer=signer
    )
    with document.file.open("rb") as f:
        assert pdf_verify(f.read())["valid"]
    assert bsre.requests[-1]["nik"] == NIK and bsre.requests[-1]["passphrase"] == PASSPHRASE
    stored = [str(v) for v in Document.objects.filter(pk=document.pk).values().first().values()]
    assert not any(PASSPHRASE in value for value in stored)


def test_a_refused_passphrase_leaves_no_document_and_no_used_number(bsre, letter_type, resident):
    signer = RemoteSigner(base_url=bsre.url, nik=NIK, passphrase="salah")
    with pytest.raises(DocumentError) as refused:
        document_issue(actor=None, document_type=letter_type, resident=resident, signer=signer)
    assert refused.value.code == "remote_signer_failed"
    assert not Document.objects.exists()
    assert not OutgoingRegister.objects.filter(last_serial__gt=0).exists()
