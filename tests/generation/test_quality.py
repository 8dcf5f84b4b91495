"""generate_with_quality: regenerates low scorers with derived seeds, bounded, and records what it did."""

from __future__ import annotations

import pytest

from generation import GeneratedItem, GenerationRequest, ModelSpec, RegistryError, load_registry
from generation.quality import derived_seed, generate_with_quality


class FakeTextBackend:
    """Scores come from the seed: mean_logprob 0 (score 1.0) when seed % 3 == 2, else very low."""

    def __init__(self, quality: dict) -> None:
        self.spec = ModelSpec("fake", "autoregressive", "text", "fake", "/tmp", "0", quality=quality)
        self.calls: list[list[int]] = []

    def generate(self, requests, hooks=None):
        self.calls.append([r.seed for r in requests])
        return [
            GeneratedItem(
                b"x", "text/plain; charset=utf-8", {"seed": r.seed, "mean_logprob": 0.0 if r.seed % 3 == 2 else -5.0}
            )
            for r in requests
        ]


def test_regenerates_until_good_with_bounded_attempts():
    backend = FakeTextBackend({"min_score": 0.5, "max_attempts": 3})
    seeds = [2, 0]  # seed 2 passes at once; seed 0 needs derived seeds
    items = generate_with_quality(backend, [GenerationRequest("p", {}, s) for s in seeds])
    assert backend.calls[0] == [2, 0] and all(len(c) == 1 for c in backend.calls[1:])
    good, retried = items
    assert good.metadata["attempts"] == 1 and good.metadata["quality"] == 1.0 and good.metadata["quality_passed"]
    assert retried.metadata["requested_seed"] == 0
    assert retried.metadata["seed"] in {derived_seed(0, k) for k in range(3)}
    assert 1 <= retried.metadata["attempts"] <= 3
    passed = retried.metadata["quality_passed"]
    assert passed == (retried.metadata["seed"] % 3 == 2)


def test_without_quality_config_one_attempt_and_score_recorded():
    backend = FakeTextBackend({})
    (item,) = generate_with_quality(backend, [GenerationRequest("p", {}, 0)])
    assert len(backend.calls) == 1 and item.metadata["attempts"] == 1
    assert item.metadata["quality_passed"] is None and item.metadata["quality"] == pytest.approx(0.0067, abs=1e-3)


def test_image_backend_with_classifier(monkeypatch):
    from dataclasses import replace

    from generation import get_backend

    spec = replace(load_registry()["shapes-gan"], device="cpu", quality={"min_score": 0.99, "max_attempts": 2})
    backend = get_backend(spec)
    items = generate_with_quality(
        backend, [GenerationRequest("a blue circle", {}, 3), GenerationRequest("a photo of a dog", {}, 4)]
    )
    assert 0.0 <= items[0].metadata["quality"] <= 1.0 and items[0].metadata["quality_scorer"] == "shapes-adherence"
    assert items[1].metadata["quality"] is None and items[1].metadata["attempts"] == 1  # no class: no scorer


def test_registry_quality_validation(tmp_path):
    base = """[[models]]
name = "m"
family = "gan"
modality = "image"
loader = "torch-gan"
source = "w"
version = "1"
"""
    path = tmp_path / "models.toml"
    path.write_text(base + "quality = { min_score = 0.5, max_attempts = 3 }\n")
    assert load_registry(path)["m"].quality == {"min_score": 0.5, "max_attempts": 3}
    for bad, msg in [
        ("quality = { min_score = 1.5 }", "quality.min_score must be a number between 0.0 and 1.0"),
        ("quality = { max_attempts = 0 }", "quality.max_attempts must be an integer between 1 and 10"),
        ("quality = { retries = 2 }", "unknown quality field(s) ['retries']"),
    ]:
        path.write_text(base + bad + "\n")
        with pytest.raises(RegistryError) as info:
            load_registry(path)
        assert msg in str(info.value)
    assert load_registry()["shapes-diffusion"].quality == {"min_score": 0.5, "max_attempts": 3}
