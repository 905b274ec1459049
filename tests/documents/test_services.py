"""Issuing end to end: every output validates with pyHanko against the CA; tampering, revoking
and re-issuing are caught; the QR read off the rendered page verifies offline."""

from __future__ import annotations

import hashlib
import io
import json

import pypdfium2
import pytest
import zxingcpp
from django.core.management import call_command
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from balai.accounts.roles import Role
from balai.audit.models import AuditEvent
from balai.documents import keystore
from balai.documents.choices import DocumentStatus
from balai.documents.errors import DocumentError
from balai.documents.seal import SealInvalid, code_from_text, seal_verify
from balai.documents.services import document_issue, document_reissue, document_revoke
from balai.documents.verification import pdf_verify
from tests.fixtures import OTHER_DISTRICT_VILLAGE, VILLAGE


def _pdf(document) -> bytes:
    with document.file.open("rb") as f:
        return f.read()


def _pyhanko_valid(data: bytes) -> bool:
    roots = [load_cert_from_pemder(str(p)) for p in keystore.trust_root_paths()]
    signature = PdfFileReader(io.BytesIO(data)).embedded_signatures[0]
    status = validate_pdf_signature(signature, ValidationContext(trust_roots=roots))
    return status.bottom_line and status.coverage.name == "ENTIRE_FILE"


@pytest.fixture
def issued(letter_type, resident, make_staff):
    operator = make_staff(Role.OPERATOR_DESA, region=VILLAGE)
    return document_issue(
        actor=operator,
        document_type=letter_type,
        resident=resident,
        form_data={"keperluan": "Melamar pekerjaan"},
    )


def test_issued_document_is_signed_numbered_stored_and_audited(issued, resident):
    data = _pdf(issued)
    assert _pyhanko_valid(data)
    assert hashlib.sha256(data).hexdigest() == issued.sha256
    assert issued.number.endswith(f"/{issued.year}") and "/001/" in issued.number
    assert issued.holder_nik_masked == resident.nik[:4] + "********" + resident.nik[-4:]
    assert AuditEvent.objects.filter(action="documents.issued", object_id=str(issued.pk)).exists()
    text = pypdfium2.PdfDocument(data)[0].get_textpage().get_text_range()
    assert "SURAT KETERANGAN DOMISILI" in text
    assert "Siti Aminah" in text and "Melamar pekerjaan" in text
    assert "PEMERINTAH KABUPATEN BANYUWANGI" in text and "DESA SUMBERBERAS" in text
    verdict = pdf_verify(data)
    assert verdict["valid"] and verdict["status"] == "issued"
    assert verdict["number"] == issued.number


def test_changing_one_byte_fails_verification(issued, tmp_path, capsys):
    original = _pdf(issued)
    ranges = [int(n) for n in PdfFileReader(io.BytesIO(original)).embedded_signatures[0].byte_range]
    gap_start, gap_end = ranges[0] + ranges[1], ranges[2]
    # The letter's content, the middle, near the end, the signature's zero padding, and
    # the first hex digit of the signature itself.
    positions = [int(len(original) * w) for w in (0.3, 0.6, 0.97)] + [gap_end - 10, gap_start + 1]
    for where in positions:
        data = bytearray(original)
        position = where
        data[position] = (data[position] + 1) % 256
        path = tmp_path / f"ubah-{where}.pdf"
        path.write_bytes(bytes(data))
        with pytest.raises(SystemExit) as exited:
            call_command("document", "verify", str(path))
        assert exited.value.code == 1, where
        assert json.loads(capsys.readouterr().out)["valid"] is False
        # Offline, without the register's hash, the signature alone must still catch it.
        assert pdf_verify(bytes(data), online=False)["valid"] is False, where


def test_cli_verify_accepts_the_untouched_file(issued, tmp_path, capsys):
    path = tmp_path / "asli.pdf"
    path.write_bytes(_pdf(issued))
    call_command("document", "verify", str(path))
    result = json.loads(capsys.readouterr().out)
    assert result["valid"] and result["signature"]["valid"] and result["seal"]["valid"]
    assert set(result) >= {"valid", "signature", "seal", "number", "status"}


def test_revoked_document_verifies_as_revoked(issued, make_staff):
    head = make_staff(Role.KEPALA_DESA, region=VILLAGE)
    document_revoke(actor=head, document=issued, reason="Data pekerjaan keliru")
    verdict = pdf_verify(_pdf(issued))
    assert verdict["status"] == DocumentStatus.REVOKED and not verdict["valid"]
    # Offline, the file itself is still a valid signature: revocation needs the register.
    assert pdf_verify(_pdf(issued), online=False)["valid"]
    with pytest.raises(DocumentError) as again:
        document_revoke(actor=head, document=issued, reason="lagi")
    assert again.value.code == "already_revoked"


def test_reissue_gets_a_new_number_and_revokes_the_old(issued, make_staff):
    head = make_staff(Role.KEPALA_DESA, region=VILLAGE)
    fresh = document_reissue(actor=head, document=issued, reason="Salah ketik nama ibu")
    issued.refresh_from_db()
    assert fresh.number != issued.number and fresh.serial == issued.serial + 1
    assert issued.status == DocumentStatus.REVOKED and issued.replaced_by_id == fresh.pk
    assert pdf_verify(_pdf(fresh))["valid"]


def test_staff_outside_the_village_may_not_issue_or_revoke(
    issued, letter_type, resident, make_staff
):
    outsider = make_staff(Role.KEPALA_DESA, region=OTHER_DISTRICT_VILLAGE)
    with pytest.raises(DocumentError) as refused:
        document_issue(actor=outsider, document_type=letter_type, resident=resident)
    assert refused.value.code == "forbidden"
    with pytest.raises(DocumentError):
        document_revoke(actor=outsider, document=issued, reason="tidak berhak")
    operator = make_staff(Role.OPERATOR_DESA, region=VILLAGE)
    with pytest.raises(DocumentError):  # operators issue; only the signer revokes
        document_revoke(actor=operator, document=issued, reason="tidak berhak")


def test_qr_read_from_the_rendered_page_verifies_offline(issued):
    page = pypdfium2.PdfDocument(_pdf(issued))[0]
    image = page.render(scale=3).to_pil()
    found = [r.text for r in zxingcpp.read_barcodes(image) if r.format.name == "QRCode"]
    assert len(found) == 1
    assert found[0].startswith("https://balai.example.id/dokumen/verifikasi/?kode=")
    payload = seal_verify(found[0], keystore.seal_public_keys())
    assert payload["number"] == issued.number and payload["holder_name"] == "Siti Aminah"
    assert payload["nik_masked"] == issued.holder_nik_masked
    tampered = code_from_text(found[0]).replace(".", "x.", 1)
    with pytest.raises(SealInvalid):
        seal_verify(tampered, keystore.seal_public_keys())


def test_cli_issue_and_types(letter_type, resident, tmp_path, capsys):
    out = tmp_path / "surat.pdf"
    call_command(
        "document", "issue", "--type", "sk-domisili", "--nik", resident.nik, "--out", str(out)
    )
    issued = json.loads(capsys.readouterr().out)
    assert _pyhanko_valid(out.read_bytes())
    assert hashlib.sha256(out.read_bytes()).hexdigest() == issued["sha256"]
    call_command("document", "types")
    rows = {row["code"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["sk-domisili"]["name"] == "Surat Keterangan Domisili"


def test_init_ca_under_the_plural_name_creates_the_root_and_seal_key(key_dir, capsys):
    call_command("documents", "init-ca")
    created = json.loads(capsys.readouterr().out)["ca_certificate"]
    assert created == str(key_dir / "ca.cert.pem")
    assert keystore.seal_public_keys()
    key_pem = (key_dir / "ca.key.pem").read_bytes()
    assert b"ENCRYPTED PRIVATE KEY" in key_pem
