"""The local keystore: an office CA, one key and certificate per signing official, and the
Ed25519 seal key. Private keys live on disk as passphrase-encrypted PKCS#8 under var/keys/,
never in the database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

_lock = threading.Lock()
CA_NAME = "Balai Root CA"


@dataclass(frozen=True)
class OfficialKey:
    key_id: str
    key_path: Path
    cert_path: Path


def key_dir() -> Path:
    path = Path(getattr(settings, "DOCUMENTS_KEY_DIR", None) or settings.VAR_DIR / "keys")
    path.mkdir(parents=True, exist_ok=True)
    return path


def passphrase() -> bytes:
    """BALAI_KEY_PASSPHRASE, or one generated once and kept beside the keys (mode 0600)."""
    configured = os.environ.get("BALAI_KEY_PASSPHRASE")
    if configured:
        return configured.encode()
    path = key_dir() / "passphrase"
    if settings.PRODUCTION:
        # settings refuse to start without it; a passphrase beside the keys protects nothing.
        raise ImproperlyConfigured("BALAI_KEY_PASSPHRASE is required in production")
    if not path.exists():
        _write(path, secrets.token_urlsafe(32).encode())
    return path.read_bytes().strip()


def _write(path: Path, data: bytes) -> None:
    # Written beside and renamed, so a reader never sees half a key.
    tmp = path.with_suffix(path.suffix + f".{os.getpid()}.{threading.get_ident()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(tmp, path)


def _private_pem(key) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase()),
    )


def _load_private(path: Path):
    return serialization.load_pem_private_key(path.read_bytes(), password=passphrase())


def ca_paths() -> tuple[Path, Path]:
    return key_dir() / "ca.key.pem", key_dir() / "ca.cert.pem"


def ca_init(*, organisation: str = "Pemerintah Kabupaten Banyuwangi") -> Path:
    """Creates the office CA and the seal key when missing; returns the CA certificate path."""
    with _lock:
        key_path, cert_path = ca_paths()
        if not cert_path.exists():
            key = ec.generate_private_key(ec.SECP256R1())
            name = x509.Name(
                [
                    x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
                    x509.NameAttribute(NameOID.COMMON_NAME, CA_NAME),
                ]
            )
            now = timezone.now()
            cert = (
                x509.CertificateBuilder()
                .subject_name(name)
                .issuer_name(name)
                .public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(now - dt.timedelta(days=1))
                .not_valid_after(now + dt.timedelta(days=3650))
                .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
                .add_extension(_usage(ca=True), critical=True)
                .add_extension(
                    x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
                )
                .sign(key, hashes.SHA256())
            )
            _write(key_path, _private_pem(key))
            _write(cert_path, cert.public_bytes(serialization.Encoding.PEM))
        seal_path = key_dir() / "seal.key.pem"
        if not seal_path.exists():
            _write(seal_path, _private_pem(ed25519.Ed25519PrivateKey.generate()))
        return cert_path


def _usage(*, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not ca,
        content_commitment=not ca,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def official_key_exists(*, office_code: str) -> bool:
    """Whether the signing official of an office (or `agency-<code>`) has a key and certificate."""
    key_id = f"official-{office_code}"
    return (key_dir() / f"{key_id}.key.pem").exists() and (
        key_dir() / f"{key_id}.cert.pem"
    ).exists()


def official_key_ensure(*, office_code: str, common_name: str) -> OfficialKey:
    """The signing official's key and certificate for an office, issued by the CA on first use."""
    ca_init()
    key_id = f"official-{office_code}"
    key_path = key_dir() / f"{key_id}.key.pem"
    cert_path = key_dir() / f"{key_id}.cert.pem"
    with _lock:
        if not cert_path.exists():
            ca_key_path, ca_cert_path = ca_paths()
            ca_key = _load_private(ca_key_path)
            ca_cert = x509.load_pem_x509_certificate(ca_cert_path.read_bytes())
            key = ec.generate_private_key(ec.SECP256R1())
            now = timezone.now()
            cert = (
                x509.CertificateBuilder()
                .subject_name(
                    x509.Name(
                        [
                            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
                            x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]),
                            x509.NameAttribute(NameOID.SERIAL_NUMBER, office_code),
                        ]
                    )
                )
                .issuer_name(ca_cert.subject)
                .public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(now - dt.timedelta(days=1))
                .not_valid_after(now + dt.timedelta(days=5 * 365))
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                .add_extension(_usage(ca=False), critical=True)
                .add_extension(
                    x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()),
                    critical=False,
                )
                .sign(ca_key, hashes.SHA256())
            )
            _write(key_path, _private_pem(key))
            _write(cert_path, cert.public_bytes(serialization.Encoding.PEM))
    return OfficialKey(key_id=key_id, key_path=key_path, cert_path=cert_path)


def seal_private_key() -> ed25519.Ed25519PrivateKey:
    ca_init()
    return _load_private(key_dir() / "seal.key.pem")


def seal_key_id(public_key: ed25519.Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:12]


def seal_public_keys() -> dict[str, ed25519.Ed25519PublicKey]:
    """Every seal key this keystore knows, by key id (what offline verifiers are given)."""
    path = key_dir() / "seal.key.pem"
    if not path.exists():
        return {}
    public = _load_private(path).public_key()
    return {seal_key_id(public): public}


def trust_root_paths() -> list[Path]:
    _key, cert = ca_paths()
    return [cert] if cert.exists() else []
