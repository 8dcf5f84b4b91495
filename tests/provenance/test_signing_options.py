"""Operator signing options: own PEM files, KMS/HSM callback signers, TSA URL, training-mining."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from provenance import IdentityError, ManifestFacts, SigningError, SigningIdentity, build_manifest, read, sign
from provenance.c2pa_manifest import active_manifest_label
from provenance.detached import sign_detached, verify_detached
from provenance.keys import ROOT_CERT_FILE, ROOT_KEY_FILE, SIGNER_CERT_FILE, SIGNER_KEY_FILE
from tests.provenance.synthetic import png

FACTS = ManifestFacts(
    generation_id="gen_opts",
    model_name="tiny-diffusion",
    model_version="2024-06",
    family="diffusion",
    modality="image",
    policy_version="sha256:abc123",
    watermark_id=None,
    watermark_alg=None,
    title="gen_opts.png",
    created_at="2026-11-27T21:00:00Z",
)


@pytest.fixture(scope="module")
def image() -> bytes:
    return png("photo", 256, seed=11)


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _leaf(identity_dir: Path, *, ku: bool = True, eku: object = ExtendedKeyUsageOID.EMAIL_PROTECTION,
          ca: bool = False, days: int = 30) -> tuple[bytes, ec.EllipticCurvePrivateKey]:
    """An end-entity certificate from the test identity's root, with chosen flaws."""
    root_key = serialization.load_pem_private_key((identity_dir / ROOT_KEY_FILE).read_bytes(), password=None)
    root = x509.load_pem_x509_certificate((identity_dir / ROOT_CERT_FILE).read_bytes())
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Operator Signer")]))
        .issuer_name(root.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False)
    )
    if ku:
        builder = builder.add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True
        )
    if eku is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage([eku]), critical=False)
    return builder.sign(root_key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM), key


def test_from_pem_files_signs_trusted(identity: SigningIdentity, identity_dir: Path, image: bytes) -> None:
    own = SigningIdentity.from_pem_files(
        identity_dir / SIGNER_CERT_FILE, identity_dir / SIGNER_KEY_FILE, identity_dir / ROOT_CERT_FILE
    )
    assert (own.signer_name, own.certificate_fingerprint) == (identity.signer_name, identity.certificate_fingerprint)
    assert own.directory is None and own.signing_alg == "es256"
    signed = sign(image, "image/png", FACTS, own)
    assert read(signed.data, "image/png", trust_anchors_pem=own.trust_anchors_pem).state == "Trusted"


@pytest.mark.parametrize(
    ("flaw", "message"),
    [
        ({"ku": False}, "KeyUsage"),
        ({"eku": None}, "ExtendedKeyUsage"),
        ({"eku": ExtendedKeyUsageOID.SERVER_AUTH}, "serverAuth"),
        ({"ca": True}, "CA"),
        ({"days": -1}, "expired"),
    ],
)
def test_from_pem_files_names_what_is_wrong(identity_dir: Path, tmp_path: Path, flaw: dict, message: str) -> None:
    cert, key = _leaf(identity_dir, **flaw)
    (tmp_path / "c.pem").write_bytes(cert)
    (tmp_path / "k.pem").write_bytes(_key_pem(key))
    with pytest.raises(IdentityError, match=message):
        SigningIdentity.from_pem_files(tmp_path / "c.pem", tmp_path / "k.pem", None)


def test_from_pem_files_key_and_anchor_mismatch(identity_dir: Path, tmp_path: Path) -> None:
    cert, _ = _leaf(identity_dir)
    (tmp_path / "c.pem").write_bytes(cert)
    (tmp_path / "k.pem").write_bytes(_key_pem(ec.generate_private_key(ec.SECP256R1())))
    with pytest.raises(IdentityError, match="does not match"):
        SigningIdentity.from_pem_files(tmp_path / "c.pem", tmp_path / "k.pem")
    stranger = SigningIdentity.ensure(tmp_path / "stranger")
    (tmp_path / "a.pem").write_bytes(stranger.trust_anchors_pem)
    with pytest.raises(IdentityError, match="no trust anchor"):
        SigningIdentity.from_pem_files(
            identity_dir / SIGNER_CERT_FILE, identity_dir / SIGNER_KEY_FILE, tmp_path / "a.pem"
        )
    with pytest.raises(IdentityError, match="cannot read"):
        SigningIdentity.from_pem_files(tmp_path / "missing.pem", tmp_path / "k.pem")


@pytest.mark.parametrize("raw", [False, True])
def test_callback_signer_reads_trusted(identity_dir: Path, image: bytes, raw: bool) -> None:
    """A KMS stand-in: the key lives only inside the callback."""
    cert, key = _leaf(identity_dir)
    calls = []

    def kms_sign(payload: bytes) -> bytes:
        calls.append(len(payload))
        der = key.sign(payload, ec.ECDSA(hashes.SHA256()))
        if not raw:
            return der
        r, s = decode_dss_signature(der)
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")

    anchors = (identity_dir / ROOT_CERT_FILE).read_bytes()
    remote = SigningIdentity.from_pem(cert, trust_anchors_pem=anchors, sign_callback=kms_sign)
    assert remote.private_key_pem == b""
    signed = sign(image, "image/png", FACTS, remote)
    assert calls
    report = read(signed.data, "image/png", trust_anchors_pem=anchors)
    assert report.state == "Trusted", report.failures
    assert report.summary["signer_common_name"] == "Operator Signer"
    assert report.manifest_label == signed.manifest_label
    # Detached signatures (audit bundles) go through the same callback.
    signature = sign_detached(b"audit bundle", remote)
    check = verify_detached(b"audit bundle", signature, cert, anchors)
    assert check.ok and check.chained_to_anchor


def test_callback_identity_by_constructor_and_failures(identity: SigningIdentity, identity_dir: Path,
                                                       image: bytes) -> None:
    key = serialization.load_pem_private_key((identity_dir / SIGNER_KEY_FILE).read_bytes(), password=None)
    remote = replace(identity, private_key_pem=b"",
                     sign_callback=lambda payload: key.sign(payload, ec.ECDSA(hashes.SHA256())))
    signed = sign(image, "image/png", FACTS, remote)
    assert read(signed.data, "image/png", trust_anchors_pem=identity.trust_anchors_pem).state == "Trusted"

    def broken(payload: bytes) -> bytes:
        raise RuntimeError("KMS unavailable")

    with pytest.raises(SigningError):
        sign(image, "image/png", FACTS, replace(remote, sign_callback=broken))
    with pytest.raises(SigningError, match="callback failed"):
        sign_detached(b"x", replace(remote, sign_callback=broken))
    with pytest.raises(SigningError, match="verifies"):
        sign_detached(b"x", replace(remote, sign_callback=lambda payload: b"\x01" * 64))
    with pytest.raises(IdentityError, match="exactly one"):
        SigningIdentity.from_pem(identity.cert_chain_pem, identity.private_key_pem, sign_callback=broken)


def test_tsa_url_is_validated(identity: SigningIdentity, image: bytes) -> None:
    # No network here: only None (no timestamp) can actually sign; bad URLs fail up front.
    assert sign(image, "image/png", FACTS, identity, tsa_url=None).manifest_label
    for bad in ("ftp://tsa.example", "tsa.example", ""):
        with pytest.raises(SigningError, match="tsa_url"):
            sign(image, "image/png", FACTS, identity, tsa_url=bad)


def test_training_mining_entries(identity: SigningIdentity, image: bytes) -> None:
    labels = lambda facts: [a["label"] for a in build_manifest(facts, "image/png")["assertions"]]  # noqa: E731
    assert "cawg.training-mining" not in labels(replace(FACTS, training_mining={}))
    custom = replace(
        FACTS,
        training_mining={
            "cawg.ai_training": "allowed",
            "cawg.data_mining": {"use": "constrained", "constraint_info": "research only"},
        },
    )
    signed = sign(image, "image/png", custom, identity)
    summary = read(signed.data, "image/png").summary
    assert summary["training_mining"] == {"cawg.ai_training": "allowed", "cawg.data_mining": "constrained"}
    assert "training_mining" not in summary.get("extra", {})
    default = read(sign(image, "image/png", FACTS, identity).data, "image/png").summary["training_mining"]
    assert set(default.values()) == {"notAllowed"}
    for bad in ({"cawg.ai_training": "maybe"}, {"cawg.ai_training": 1}, ["cawg.ai_training"]):
        with pytest.raises(SigningError, match="training_mining"):
            sign(image, "image/png", replace(FACTS, training_mining=bad), identity)  # type: ignore[arg-type]


def test_active_manifest_label_parser_rejects_garbage() -> None:
    for junk in (b"", b"\x00\x00\x00\x08jumb", b"\x00\x00\x00\x10jumbxxxxxxxx", bytes(range(256))):
        assert active_manifest_label(junk) is None
