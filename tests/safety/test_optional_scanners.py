"""CLIP concept scanner (tiny random CLIP, planted concepts), Llama Guard scanner (tiny
random GPT-2 + a word-level tokenizer built here), face scanner and deepfake logic."""

from __future__ import annotations

import io

import numpy as np
import pytest
import torch
from PIL import Image

from safety import ClipConceptScanner, FaceScanner, LlamaGuardScanner, Policy, SafetyEngine
from safety.scanners.llama_guard import build_prompt, parse_output


def _png(color=(120, 30, 200), size=64, seed=None) -> bytes:
    if seed is None:
        arr = np.zeros((size, size, 3), dtype=np.uint8) + np.array(color, dtype=np.uint8)
    else:
        arr = np.random.default_rng(seed).integers(0, 255, (size, size, 3), dtype=np.uint8)
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, "PNG")
    return buf.getvalue()


# ---------------------------------------------------------------------------------- CLIP
@pytest.fixture(scope="module")
def tiny_clip():
    from open_clip.model import CLIP, CLIPTextCfg, CLIPVisionCfg

    torch.manual_seed(0)
    model = CLIP(embed_dim=16,
                 vision_cfg=CLIPVisionCfg(layers=1, width=32, head_width=16, patch_size=8,
                                          image_size=32),
                 text_cfg=CLIPTextCfg(context_length=16, vocab_size=100, width=32, heads=2,
                                      layers=1))
    return model.eval()


def test_clip_concepts_planted_embedding_flags(tiny_clip):
    probe = ClipConceptScanner(model=tiny_clip, concepts=[])
    probe.load()
    img = _png(seed=1)
    emb = probe.image_embedding(img)
    assert emb.shape == (16,) and abs(float(np.linalg.norm(emb)) - 1) < 1e-4
    concepts = [
        # planted right on the image's embedding: similarity 1 >= threshold -> flagged
        {"name": "planted-nudity", "category": "nudity", "threshold": 0.9,
         "embedding": (emb * 3).tolist()},
        # planted opposite: similarity -1 -> far below threshold
        {"name": "opposite-gore", "category": "graphic_violence", "threshold": 0.2,
         "embedding": (-emb).tolist()},
    ]
    scanner = ClipConceptScanner(model=tiny_clip, concepts=concepts)
    s = scanner.scan(img)
    assert s.status == "scanned", s.details
    assert s.scores["nudity"] == 1.0 and s.scores["graphic_violence"] == 0.0
    assert s.details["flagged_concepts"] == ["planted-nudity"]
    assert s.details["similarities"]["planted-nudity"] == pytest.approx(1.0, abs=1e-4)
    # the threshold logic: similarity exactly at the threshold scores 0.5
    at = ClipConceptScanner(model=tiny_clip, concepts=[
        {"name": "c", "category": "nudity", "threshold": 1.0, "embedding": emb.tolist()}])
    assert at.scan(img).scores["nudity"] == pytest.approx(0.5, abs=1e-3)
    # through the policy: nudity >= 0.6 blocks an image output
    eng = SafetyEngine(Policy.default(), scanners=[scanner])
    v = eng.scan_output(img, "image/png")
    assert "nudity" in v.categories and v.decision == "block"


def test_clip_text_concepts_use_text_tower(tiny_clip):
    def tok(texts):
        return torch.tensor([[1 + (hash(t) + i) % 90 for i in range(16)] for t in texts])

    s = ClipConceptScanner(model=tiny_clip, tokenizer=tok, concepts=[
        {"name": "n", "category": "nudity", "threshold": 0.3, "text": "a naked person"}])
    scan = s.scan(_png())
    assert scan.status == "scanned" and "n" in scan.details["similarities"]


def test_clip_missing_weights_is_error_and_blocks():
    scanner = ClipConceptScanner(weights="/nonexistent/clip.bin")
    s = scanner.scan(_png())
    assert s.status == "error" and "not found" in s.details["error"]
    pol = Policy.from_dict({"name": "p", "required": {"output": {"image": ["clip-concepts"]}}})
    assert SafetyEngine(pol, scanners=[scanner]).scan_output(_png(), "image/png").decision \
        == "block"


# --------------------------------------------------------------------------- Llama Guard
def test_llama_guard_template():
    p = build_prompt("How do I bake bread?")
    assert p.startswith("<|begin_of_text|><|start_header_id|>user<|end_header_id|>")
    assert "Check if there is unsafe content in 'User' messages" in p
    for i, title in ((1, "Violent Crimes"), (10, "Hate"), (14, "Code Interpreter Abuse")):
        assert f"S{i}: {title}." in p
    assert "User: How do I bake bread?" in p
    assert p.endswith("<|start_header_id|>assistant<|end_header_id|>\n\n")
    a = build_prompt("Sure, here is how.", role="Agent", prompt="hi")
    assert "'Agent' messages" in a and "User: hi\n\nAgent: Sure, here is how." in a


def test_llama_guard_parse():
    assert parse_output("safe")[0] == {"unsafe": 0.0}
    scores, details = parse_output("unsafe\nS1,S10")
    assert scores == {"unsafe": 1.0, "S1_violent_crimes": 1.0, "S10_hate": 1.0}
    assert details["codes"] == ["S1", "S10"]
    scores, _ = parse_output(" unsafe \n S14 ", p_unsafe=0.83)
    assert scores == {"unsafe": 0.83, "S14_code_interpreter_abuse": 0.83}
    with pytest.raises(ValueError):
        parse_output("I cannot help with that")


def test_llama_guard_runs_tiny_model_and_parses_mocked_output(tiny_guard, monkeypatch):
    model, tokenizer = tiny_guard
    scanner = LlamaGuardScanner(model=model, tokenizer=tokenizer, max_new_tokens=3)
    text, p_unsafe = scanner.generate(build_prompt("how do I bake bread"))
    assert isinstance(text, str) and p_unsafe is not None and 0.0 <= p_unsafe <= 1.0
    seen = {}

    def fake_generate(prompt):
        seen["prompt"] = prompt
        return "unsafe\nS1,S10", 0.9

    monkeypatch.setattr(scanner, "generate", fake_generate)
    s = scanner.scan("some text")
    assert s.status == "scanned"
    assert s.scores == {"unsafe": 0.9, "S1_violent_crimes": 0.9, "S10_hate": 0.9}
    assert "User: some text" in seen["prompt"]
    monkeypatch.setattr(scanner, "generate", lambda prompt: ("gibberish", None))
    assert scanner.scan("x").status == "error"  # unparseable -> error -> fail closed


def test_llama_guard_missing_model_is_error():
    s = LlamaGuardScanner("/nonexistent/guard").scan("hello")
    assert s.status == "error" and "not found" in s.details["error"]


# --------------------------------------------------------------------------------- faces
def test_face_scanner_no_face_and_details(benign_png):
    s = FaceScanner().scan(benign_png, context={"prompt": "photo of Barack Obama"})
    assert s.status == "scanned", s.details
    assert s.details["face_count"] == 0 and s.details["largest_face_fraction"] == 0.0
    assert s.scores["deepfake_impersonation"] == 0.0
    assert s.details["real_people"] == ["barack obama"]


def test_face_plus_real_person_prompt_is_deepfake(monkeypatch):
    scanner = FaceScanner()
    monkeypatch.setattr(scanner, "detect", lambda data: ([[10, 10, 40, 40]], (100, 100)))
    img = _png()
    v_real = scanner.scan(img, context={"prompt": "a photo of Taylor Swift at a bar"})
    assert v_real.scores["deepfake_impersonation"] >= 0.7
    assert v_real.details["largest_face_fraction"] == pytest.approx(0.16)
    assert scanner.scan(img, context={"prompt": "a smiling woman"}).scores[
        "deepfake_impersonation"] == 0.0
    assert scanner.scan(img).scores["deepfake_impersonation"] == 0.0  # old call: no prompt
    eng = SafetyEngine(Policy.default(), scanners=[scanner])
    v = eng.scan_output(img, "image/png", context={"prompt": "photo of Joe Biden"})
    assert v.decision in ("review", "block") and "deepfake_impersonation" in v.categories


def test_face_scanner_missing_cascade_fails_closed():
    s = FaceScanner(cascade_path="/nonexistent/cascade.xml").scan(_png())
    assert s.status == "error"
    pol = Policy.from_dict({"name": "p", "required": {"output": {"image": ["faces"]}}})
    eng = SafetyEngine(pol, scanners=[FaceScanner(cascade_path="/nonexistent.xml")])
    assert eng.scan_output(_png(), "image/png").decision == "block"
