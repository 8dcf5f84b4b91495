"""The service's own C2PA signing identity: a self-made two-level certificate chain.

A self-hostable service has no commercial C2PA certificate, so it mints a root CA
and an ES256 end-entity certificate on first start. Verifiers who add the root as
a trust anchor see the service's outputs as ``Trusted``; everyone else still sees
a cryptographically ``Valid`` manifest (``signingCredential.untrusted``).

c2pa-rs is strict about the end-entity certificate: it needs
``BasicConstraints(ca=False)``, ``KeyUsage(digitalSignature)`` and an EKU it
accepts — ``emailProtection`` works, ``documentSigning`` alone is rejected.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from provenance.errors import IdentityError

ROOT_CERT_FILE = "root-ca.pem"
ROOT_KEY_FILE = "root-ca.key"
SIGNER_CERT_FILE = "signer.pem"
SIGNER_KEY_FILE = "signer.key"
LOCK_FILE = ".identity.lock"

ROOT_VALIDITY = dt.timedelta(days=3650)
SIGNER_VALIDITY = dt.timedelta(days=730)
# Re-issue the end-entity certificate (from the same root) this long before it expires,
# so verifiers keep trusting new outputs without touching their anchors.
RENEW_BEFORE = dt.timedelta(days=30)
DEFAULT_ORGANIZATION = "Responsible Generation Service"


@dataclass(frozen=True)
class SigningIdentity:
    """PEM material c2pa needs to sign, plus facts worth recording with each output."""

    cert_chain_pem: bytes
    """The end-entity certificate alone: the trust anchor is left out of the chain, as
    verifiers must hold it already (c2pa-rs validates either way; this saves ~540 bytes
    per manifest)."""
    private_key_pem: bytes
    """PKCS#8 PEM of the end-entity EC P-256 key."""
    trust_anchors_pem: bytes
    """The root CA certificate: what a verifier adds to trust this service."""
    signer_name: str
    """Common name of the end-entity certificate."""
    certificate_fingerprint: str
    """SHA-256 hex of the end-entity certificate (DER)."""
    directory: Path

    @classmethod
    def ensure(cls, directory: Path, organization: str = DEFAULT_ORGANIZATION) -> SigningIdentity:
        """Load the identity in ``directory``, creating it on first use.

        Safe to call concurrently from several processes: creation happens under an
        exclusive ``flock`` and every file is written to a temporary name and renamed.
        """
        directory = Path(directory)
        try:
            directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise IdentityError(f"cannot create identity directory {directory}: {exc}") from exc
        # Loading happens under the lock too, so a reader never pairs a renewed key
        # with the certificate it replaces; flock costs microseconds.
        with _locked(directory):
            if not (directory / ROOT_CERT_FILE).exists():
                _create_root(directory, organization)
            signer_files = (directory / SIGNER_CERT_FILE, directory / SIGNER_KEY_FILE)
            if not all(f.exists() for f in signer_files) or _needs_renewal(directory):
                _create_signer(directory, organization)
            return cls._load(directory)

    @classmethod
    def _load(cls, directory: Path) -> SigningIdentity:
        try:
            root_pem = (directory / ROOT_CERT_FILE).read_bytes()
            leaf_pem = (directory / SIGNER_CERT_FILE).read_bytes()
            key_pem = (directory / SIGNER_KEY_FILE).read_bytes()
            leaf = x509.load_pem_x509_certificate(leaf_pem)
            root = x509.load_pem_x509_certificate(root_pem)
            key = serialization.load_pem_private_key(key_pem, password=None)
        except (OSError, ValueError, TypeError) as exc:
            raise IdentityError(f"unreadable signing identity in {directory}: {exc}") from exc
        if key.public_key().public_numbers() != leaf.public_key().public_numbers():  # type: ignore[union-attr]
            raise IdentityError(f"{SIGNER_KEY_FILE} does not match {SIGNER_CERT_FILE} in {directory}")
        if leaf.issuer != root.subject:
            raise IdentityError(f"{SIGNER_CERT_FILE} was not issued by {ROOT_CERT_FILE} in {directory}")
        names = leaf.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        return cls(
            cert_chain_pem=leaf_pem,
            private_key_pem=key_pem,
            trust_anchors_pem=root_pem,
            signer_name=str(names[0].value) if names else "",
            certificate_fingerprint=leaf.fingerprint(hashes.SHA256()).hex(),
            directory=directory,
        )


def _needs_renewal(directory: Path) -> bool:
    path = directory / SIGNER_CERT_FILE
    if not path.exists():
        return True
    try:
        leaf = x509.load_pem_x509_certificate(path.read_bytes())
    except ValueError:
        return False  # let _load report it; never silently replace an identity
    return leaf.not_valid_after_utc - _now() < RENEW_BEFORE and (directory / ROOT_KEY_FILE).exists()


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    fd = os.open(directory / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _write_atomic(path: Path, data: bytes, mode: int) -> None:
    """Write then rename, so readers never see a half-written file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _name(organization: str, common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _create_root(directory: Path, organization: str) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(organization, f"{organization} Root CA")
    now = _now()
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + ROOT_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ski, critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False)
        .sign(key, hashes.SHA256())
    )
    # Key first: a root certificate without its key on disk would be a dead end.
    _write_atomic(directory / ROOT_KEY_FILE, _key_pem(key), 0o600)
    _write_atomic(directory / ROOT_CERT_FILE, cert.public_bytes(serialization.Encoding.PEM), 0o644)
    # Any older end-entity certificate belongs to another root.
    with contextlib.suppress(FileNotFoundError):
        (directory / SIGNER_CERT_FILE).unlink()


def _create_signer(directory: Path, organization: str) -> None:
    try:
        root_key = serialization.load_pem_private_key((directory / ROOT_KEY_FILE).read_bytes(), password=None)
        root = x509.load_pem_x509_certificate((directory / ROOT_CERT_FILE).read_bytes())
    except (OSError, ValueError, TypeError) as exc:
        raise IdentityError(f"cannot issue a signing certificate from the root in {directory}: {exc}") from exc
    if not isinstance(root_key, ec.EllipticCurvePrivateKey):
        raise IdentityError(f"{ROOT_KEY_FILE} in {directory} is not an EC key")
    key = ec.generate_private_key(ec.SECP256R1())
    now = _now()
    not_after = min(now + SIGNER_VALIDITY, root.not_valid_after_utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(organization, f"{organization} C2PA Signer"))
        .issuer_name(root.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False)
        .sign(root_key, hashes.SHA256())
    )
    # Key before certificate: ensure() re-issues when the certificate is missing.
    _write_atomic(directory / SIGNER_KEY_FILE, _key_pem(key), 0o600)
    _write_atomic(directory / SIGNER_CERT_FILE, cert.public_bytes(serialization.Encoding.PEM), 0o644)
