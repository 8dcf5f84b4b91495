"""Detached ECDSA signatures with the service's signing identity.

Used for audit export bundles: an auditor checks a bundle offline with the public
certificate alone (and the root CA, to know the certificate is the service's).
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature

from provenance.errors import SigningError
from provenance.keys import SigningIdentity


def sign_detached(data: bytes, identity: SigningIdentity) -> bytes:
    """DER-encoded ECDSA / SHA-256 signature over ``data``.

    With the key in process (``private_key_pem``) or through the identity's
    ``sign_callback`` (a KMS/HSM), whose raw ``r || s`` output is re-encoded as DER.
    """
    callback = getattr(identity, "sign_callback", None)
    if callback is not None:
        cert = x509.load_pem_x509_certificates(identity.cert_chain_pem)[0]
        public_key = cert.public_key()
        if not isinstance(public_key, ec.EllipticCurvePublicKey):
            raise SigningError("detached signatures need an EC signing certificate")
        try:
            signature = bytes(callback(data))
        except Exception as exc:  # a KMS client can fail in any number of ways
            raise SigningError(f"the sign callback failed: {exc}") from exc
        size = (public_key.curve.key_size + 7) // 8
        candidates = [signature] if _is_der(signature) else []
        if len(signature) == 2 * size:  # raw r || s (what COSE and most KMS APIs return)
            r, s = int.from_bytes(signature[:size], "big"), int.from_bytes(signature[size:], "big")
            candidates.append(encode_dss_signature(r, s))
        for der in candidates:
            try:
                public_key.verify(der, data, ec.ECDSA(hashes.SHA256()))
            except InvalidSignature:
                continue
            return der
        raise SigningError("the sign callback returned no ECDSA/SHA-256 signature the certificate verifies")
    key = serialization.load_pem_private_key(identity.private_key_pem, password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise SigningError("the signing key is not an EC key")
    return key.sign(data, ec.ECDSA(hashes.SHA256()))


def _is_der(signature: bytes) -> bool:
    try:
        decode_dss_signature(signature)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class DetachedCheck:
    ok: bool
    signer: str
    chained_to_anchor: bool | None  # None: no trust anchor was given
    problem: str = ""


def verify_detached(data: bytes, signature: bytes, certificate_pem: bytes,
                    trust_anchor_pem: bytes | None = None) -> DetachedCheck:
    """Check ``signature`` over ``data`` with the certificate; optionally that a root issued it."""
    try:
        cert = x509.load_pem_x509_certificate(certificate_pem)
    except ValueError as exc:
        return DetachedCheck(False, "", None, f"unreadable certificate: {exc}")
    names = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    signer = str(names[0].value) if names else cert.subject.rfc4514_string()
    public_key = cert.public_key()
    if not isinstance(public_key, ec.EllipticCurvePublicKey):
        return DetachedCheck(False, signer, None, "the certificate does not hold an EC key")
    try:
        public_key.verify(signature, data, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        return DetachedCheck(False, signer, None, "signature does not match the data")
    if trust_anchor_pem is None:
        return DetachedCheck(True, signer, None)
    try:
        root = x509.load_pem_x509_certificate(trust_anchor_pem)
    except ValueError as exc:
        return DetachedCheck(False, signer, False, f"unreadable trust anchor: {exc}")
    try:
        cert.verify_directly_issued_by(root)
    except (ValueError, TypeError, InvalidSignature) as exc:
        why = f" ({exc})" if str(exc) else ""
        return DetachedCheck(False, signer, False,
                             f"the signing certificate (issuer {cert.issuer.rfc4514_string()}) was not "
                             f"issued by the trust anchor ({root.subject.rfc4514_string()}){why}")
    return DetachedCheck(True, signer, True)
