"""Signing identity: created once, reused, private keys 0600, certificate profile c2pa accepts."""

from __future__ import annotations

import stat
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID

from provenance import IdentityError, SigningIdentity
from provenance.keys import ROOT_KEY_FILE, SIGNER_CERT_FILE, SIGNER_KEY_FILE


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_created_once_then_reused(tmp_path: Path) -> None:
    first = SigningIdentity.ensure(tmp_path / "id", organization="Acme Gen")
    assert _mode(tmp_path / "id" / SIGNER_KEY_FILE) == 0o600
    assert _mode(tmp_path / "id" / ROOT_KEY_FILE) == 0o600
    second = SigningIdentity.ensure(tmp_path / "id", organization="ignored on reuse")
    assert second == first
    assert first.signer_name == "Acme Gen C2PA Signer"
    assert len(first.certificate_fingerprint) == 64


def test_certificate_profile(identity: SigningIdentity) -> None:
    (leaf,) = x509.load_pem_x509_certificates(identity.cert_chain_pem)
    root = x509.load_pem_x509_certificate(identity.trust_anchors_pem)
    bc = leaf.extensions.get_extension_for_class(x509.BasicConstraints)
    assert bc.critical and not bc.value.ca
    ku = leaf.extensions.get_extension_for_class(x509.KeyUsage)
    assert ku.critical and ku.value.digital_signature
    eku = leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert ExtendedKeyUsageOID.EMAIL_PROTECTION in eku
    aki = leaf.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    ski = root.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    assert aki.key_identifier == ski.digest
    assert root.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    leaf.verify_directly_issued_by(root)


def _ensure(directory: str) -> str:
    return SigningIdentity.ensure(Path(directory)).certificate_fingerprint


def test_concurrent_first_use_agrees(tmp_path: Path) -> None:
    with ProcessPoolExecutor(max_workers=4) as pool:
        prints = list(pool.map(_ensure, [str(tmp_path / "shared")] * 8))
    assert len(set(prints)) == 1


def test_corrupt_identity_is_a_typed_error(tmp_path: Path) -> None:
    SigningIdentity.ensure(tmp_path)
    (tmp_path / SIGNER_CERT_FILE).write_bytes(b"garbage")
    with pytest.raises(IdentityError):
        SigningIdentity.ensure(tmp_path)
