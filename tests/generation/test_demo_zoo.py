"""The committed demo models beside shapes-diffusion: GAN, VAE, tiny-lm, and the adherence classifier."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from generation import GenerationRequest, get_backend, load_registry
from generation.quality import ADHERENCE_WEIGHTS, get_scorer, score_quality
from generation.zoo import shapes

WEIGHTS = {
    "shapes-gan": ("generator/diffusion_pytorch_model.safetensors", 5_000_000),
    "shapes-vae": ("vae/diffusion_pytorch_model.safetensors", 5_000_000),
    "tiny-lm": ("model.safetensors", 8_000_000),
}


@pytest.fixture(scope="module")
def specs():
    return {k: replace(v, device="cpu") for k, v in load_registry().items()}


@pytest.mark.parametrize("name", sorted(WEIGHTS))
def test_checkpoint_files_and_sizes(specs, name):
    root = Path(specs[name].source)
    rel, limit = WEIGHTS[name]
    assert (root / rel).stat().st_size <= limit
    record = json.loads((root / "training.json").read_text())
    assert record["steps_done"] > 0 if "steps_done" in record else record["stages"]
    if name == "tiny-lm":
        assert record["heldout_perplexity"] < record["unigram_heldout_perplexity"]
    else:
        assert (root / "samples.png").is_file() and (root / "labels.json").is_file()


def test_adherence_classifier_is_small_and_reads_clean_shapes():
    assert (ADHERENCE_WEIGHTS / "diffusion_pytorch_model.safetensors").stat().st_size <= 2_000_000
    images, ids = shapes.make_dataset(24, 32, seed=123)
    scorer = get_scorer()
    probs = scorer.probabilities([Image.fromarray(im).resize((256, 256)) for im in images])
    assert (probs.argmax(-1).numpy() == ids).mean() >= 0.9


@pytest.mark.parametrize("name", ["shapes-gan", "shapes-vae"])
def test_gan_and_vae_generate_deterministic_sized_pngs(specs, name):
    backend = get_backend(specs[name])
    reqs = [GenerationRequest("a red circle", {}, seed=1), GenerationRequest("blue square", {"size": 512}, seed=2)]
    items = backend.generate(reqs)
    assert [Image.open(io.BytesIO(i.data)).size for i in items] == [(256, 256), (512, 512)]
    assert [i.metadata["condition"]["label"] for i in items] == ["red circle", "blue square"]
    assert items[0].metadata["family"] == specs[name].family and items[0].metadata["resampler"] == "lanczos"
    assert backend.generate([reqs[0]])[0].data == items[0].data  # same seed, same bytes, whatever the batch
    score = score_quality(backend.spec, reqs[0], items[0])
    assert score is not None and 0.0 <= score <= 1.0
    none = backend.generate([GenerationRequest("a photo of a dog", {}, seed=0)])[0]
    assert none.metadata["condition"]["match"] == "none"


def test_tiny_lm_generates_text(specs):
    backend = get_backend(specs["tiny-lm"])
    reqs = [
        GenerationRequest("Return the", {"max_new_tokens": 16, "temperature": 0.0}, seed=0),
        GenerationRequest("This module provides", {"max_new_tokens": 12}, seed=5),
    ]
    items = backend.generate(reqs)
    greedy = items[0]
    assert greedy.mime == "text/plain; charset=utf-8" and greedy.metadata["generated_tokens"] <= 16
    assert backend.tokenizer.decode(greedy.metadata["token_ids"]) == greedy.data.decode()
    assert backend.generate([reqs[1]])[0].data == items[1].data
    q = score_quality(backend.spec, reqs[0], greedy)
    assert q is None or 0.0 < q <= 1.0
