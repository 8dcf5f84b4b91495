"""The service's own C2PA signing identity: a self-made two-level certificate chain.

A self-hostable service has no commercial C2PA certificate, so it mints a root CA
and an ES256 end-entity certificate on first start. Verifiers who add the root as
a trust anchor see the service's outputs as ``Trusted``; everyone else still sees
a cryptographically ``Valid`` manifest (``signingCredential.untrusted``).

c2pa-rs is strict about the end-entity certificate: it needs
``KeyUsage(digitalSignature)``, an AuthorityKeyIdentifier, no ``BasicConstraints(ca=True)``
and an EKU it accepts — ``emailProtection``, ``timeStamping`` or ``OCSPSigning`` work;
``documentSigning``, C2PA's ``claimSigning`` and ``serverAuth`` alone are rejected by
c2pa 0.38's default trust configuration.

Operators with their own certificate use ``SigningIdentity.from_pem_files`` (checked
against that profile up front, with an ``IdentityError`` naming what is missing); a key
held in a KMS or HSM signs through ``sign_callback`` instead of ``private_key_pem``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
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
# EKUs c2pa (0.38, default settings) accepts on the signing certificate.
ACCEPTED_EKUS = {
    ExtendedKeyUsageOID.EMAIL_PROTECTION: "emailProtection",
    ExtendedKeyUsageOID.TIME_STAMPING: "timeStamping",
    ExtendedKeyUsageOID.OCSP_SIGNING: "OCSPSigning",
}
_EC_ALGS = {"secp256r1": "es256", "secp384r1": "es384", "secp521r1": "es512"}

SignCallback = Callable[[bytes], bytes]
"""Signs the bytes it is given with the certificate's key and returns the signature
(ECDSA: DER or raw r||s; Ed25519: raw; RSA: RSASSA-PSS with SHA-256)."""


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
    directory: Path | None = None
    """Where ``ensure`` keeps the self-made identity; None for operator-supplied ones."""
    sign_callback: SignCallback | None = field(default=None, compare=False, repr=False)
    """Signs in place of ``private_key_pem`` (then ``b""``): a KMS or HSM client."""
    signing_alg: str = "es256"
    """c2pa signing algorithm for the end-entity key: es256/es384/es512, ed25519 or ps256."""

    @classmethod
    def from_pem_files(
        cls,
        cert_chain: Path,
        private_key: Path | None = None,
        trust_anchors: Path | None = None,
        *,
        sign_callback: SignCallback | None = None,
    ) -> SigningIdentity:
        """An operator's own identity: certificate chain (end-entity first, then any
        intermediates) and either its private key (PEM, unencrypted) or ``sign_callback``.

        Checks up front what c2pa would otherwise reject at signing or reading time:
        the end-entity certificate profile (``KeyUsage`` digitalSignature, an accepted
        EKU, an AuthorityKeyIdentifier, not a CA), its validity period, that the key
        matches it, and (given ``trust_anchors``) that the chain leads to an anchor.
        Raises ``IdentityError`` naming the problem.
        """
        chain_pem = _read(Path(cert_chain), "certificate chain")
        anchors_pem = _read(Path(trust_anchors), "trust anchors") if trust_anchors is not None else b""
        key_pem = _read(Path(private_key), "private key") if private_key is not None else b""
        return cls.from_pem(chain_pem, key_pem, anchors_pem, sign_callback=sign_callback)

    @classmethod
    def from_pem(
        cls,
        cert_chain_pem: bytes,
        private_key_pem: bytes = b"",
        trust_anchors_pem: bytes = b"",
        *,
        sign_callback: SignCallback | None = None,
    ) -> SigningIdentity:
        """``from_pem_files`` on PEM bytes already in memory (same checks)."""
        if bool(private_key_pem) == (sign_callback is not None):
            raise IdentityError("give exactly one of a private key and a sign_callback")
        try:
            chain = x509.load_pem_x509_certificates(cert_chain_pem)
        except ValueError as exc:
            raise IdentityError(f"unreadable certificate chain: {exc}") from exc
        leaf = chain[0]
        problems = certificate_problems(leaf)
        if problems:
            raise IdentityError("the signing certificate is not usable for C2PA: " + "; ".join(problems))
        public_key = leaf.public_key()
        alg = _signing_alg(public_key)
        if private_key_pem:
            try:
                key = serialization.load_pem_private_key(private_key_pem, password=None)
            except (ValueError, TypeError) as exc:
                raise IdentityError(f"unreadable private key (PEM, unencrypted): {exc}") from exc
            if key.public_key().public_bytes(
                serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
            ) != public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo):
                raise IdentityError("the private key does not match the signing certificate")
        if trust_anchors_pem:
            _check_chain(chain, trust_anchors_pem)
        names = leaf.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        return cls(
            cert_chain_pem=b"".join(c.public_bytes(serialization.Encoding.PEM) for c in chain),
            private_key_pem=private_key_pem,
            trust_anchors_pem=trust_anchors_pem,
            signer_name=str(names[0].value) if names else leaf.subject.rfc4514_string(),
            certificate_fingerprint=leaf.fingerprint(hashes.SHA256()).hex(),
            directory=None,
            sign_callback=sign_callback,
            signing_alg=alg,
        )

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


def certificate_problems(cert: x509.Certificate) -> list[str]:
    """What makes ``cert`` unusable as a C2PA signing (end-entity) certificate; [] if fine."""
    problems = []
    exts = cert.extensions
    try:
        if exts.get_extension_for_class(x509.BasicConstraints).value.ca:
            problems.append("BasicConstraints says it is a CA (need ca=False)")
    except x509.ExtensionNotFound:
        pass
    try:
        if not exts.get_extension_for_class(x509.KeyUsage).value.digital_signature:
            problems.append("KeyUsage lacks digitalSignature")
    except x509.ExtensionNotFound:
        problems.append("no KeyUsage extension (need digitalSignature)")
    accepted = ", ".join(ACCEPTED_EKUS.values())
    try:
        ekus = set(exts.get_extension_for_class(x509.ExtendedKeyUsage).value)
        if not ekus & set(ACCEPTED_EKUS):
            have = ", ".join(getattr(o, "_name", o.dotted_string) for o in ekus) or "none"
            problems.append(f"ExtendedKeyUsage has none c2pa accepts (have {have}; need one of {accepted})")
    except x509.ExtensionNotFound:
        problems.append(f"no ExtendedKeyUsage extension (need one of {accepted})")
    try:
        exts.get_extension_for_class(x509.AuthorityKeyIdentifier)
    except x509.ExtensionNotFound:
        problems.append("no AuthorityKeyIdentifier extension")
    now = _now()
    if cert.not_valid_after_utc <= now:
        problems.append(f"expired on {cert.not_valid_after_utc:%Y-%m-%d}")
    elif cert.not_valid_before_utc > now:
        problems.append(f"not valid before {cert.not_valid_before_utc:%Y-%m-%d}")
    try:
        _signing_alg(cert.public_key())
    except IdentityError as exc:
        problems.append(str(exc))
    return problems


def _signing_alg(public_key: object) -> str:
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        alg = _EC_ALGS.get(public_key.curve.name)
        if alg is None:
            raise IdentityError(f"unsupported EC curve {public_key.curve.name} (use P-256, P-384 or P-521)")
        return alg
    if isinstance(public_key, ed25519.Ed25519PublicKey):
        return "ed25519"
    if isinstance(public_key, rsa.RSAPublicKey):
        return "ps256"
    raise IdentityError(f"unsupported key type {type(public_key).__name__}")


def _check_chain(chain: list[x509.Certificate], anchors_pem: bytes) -> None:
    """Each certificate issued by the next; the last by (or equal to) a trust anchor."""
    try:
        anchors = x509.load_pem_x509_certificates(anchors_pem)
    except ValueError as exc:
        raise IdentityError(f"unreadable trust anchors: {exc}") from exc
    for child, parent in zip(chain, chain[1:], strict=False):
        try:
            child.verify_directly_issued_by(parent)
        except (ValueError, TypeError, InvalidSignature) as exc:
            raise IdentityError(f"certificate chain broken at {child.subject.rfc4514_string()}: {exc}") from exc
    last = chain[-1]
    for anchor in anchors:
        if anchor == last:
            return
        try:
            last.verify_directly_issued_by(anchor)
            return
        except (ValueError, TypeError, InvalidSignature):
            continue
    raise IdentityError(f"no trust anchor issued {last.subject.rfc4514_string()}")


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise IdentityError(f"cannot read the {what} file {path}: {exc}") from exc


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
