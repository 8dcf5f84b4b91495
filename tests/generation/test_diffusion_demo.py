"""The committed demo model: loads offline, is deterministic, and follows the colour in the prompt."""

import io
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from generation import GenerationRequest, get_backend, load_registry
from generation.backends.diffusion import ClassVocabulary

STEPS = 5  # keep the suite fast; the default (25) is exercised by the bench, not here


@pytest.fixture(scope="module")
def backend():
    spec = replace(load_registry()["shapes-diffusion"], device="cpu")
    b = get_backend(spec)
    b.load()
    return b


def pixels(data: bytes) -> np.ndarray:
    img = Image.open(io.BytesIO(data))
    assert img.format == "PNG" and img.mode == "RGB"
    return np.asarray(img).astype(np.int32)


def test_checkpoint_layout_is_diffusers_and_small():
    root = Path(load_registry()["shapes-diffusion"].source)
    for name in (
        "unet/config.json",
        "unet/diffusion_pytorch_model.safetensors",
        "scheduler/scheduler_config.json",
        "labels.json",
        "training.json",
        "samples.png",
    ):
        assert (root / name).is_file(), name
    assert (root / "unet/diffusion_pytorch_model.safetensors").stat().st_size < 5_000_000


def test_batch_of_two_is_deterministic_and_sized(backend):
    reqs = [
        GenerationRequest("a red circle", {"steps": STEPS}, seed=1),
        GenerationRequest("blue square on white", {"steps": STEPS, "size": 512}, seed=2),
    ]
    first = backend.generate(reqs)
    again = backend.generate(reqs)
    assert [i.data for i in first] == [i.data for i in again]
    assert [i.mime for i in first] == ["image/png", "image/png"]
    assert pixels(first[0].data).shape == (256, 256, 3)
    assert pixels(first[1].data).shape == (512, 512, 3)
    meta = first[1].metadata
    assert meta["condition"] == {"class_id": meta["condition"]["class_id"], "label": "blue square", "match": "exact"}
    assert meta["native_resolution"] == 32 and meta["steps"] == STEPS and meta["seed"] == 2
    assert meta["model"] == "shapes-diffusion" and "denoise_s" in meta["timings"]
    other = backend.generate([GenerationRequest("a red circle", {"steps": STEPS}, seed=3)])
    assert other[0].data != first[0].data


def shape_colour(arr: np.ndarray) -> np.ndarray:
    """Mean RGB of the shape region: pixels far from the background (median colour of the border strip)."""
    edge = 16
    border = np.concatenate(
        [
            arr[:edge].reshape(-1, 3),
            arr[-edge:].reshape(-1, 3),
            arr[:, :edge].reshape(-1, 3),
            arr[:, -edge:].reshape(-1, 3),
        ]
    )
    mask = np.abs(arr - np.median(border, axis=0)).sum(axis=2) > 120
    assert 0.03 < mask.mean() < 0.7, "no distinct shape region found"
    return arr[mask].mean(axis=0)


def test_prompt_colour_is_dominant_in_shape_region(backend):
    prompts = ["a red circle", "a red square", "a blue triangle", "a blue star"]
    items = backend.generate([GenerationRequest(p, {"steps": STEPS}, seed=10 + i) for i, p in enumerate(prompts)])
    for prompt, item in zip(prompts, items, strict=True):
        r, g, b = shape_colour(pixels(item.data))
        if "red" in prompt:
            assert r > b + 60 and r > g + 60, (prompt, r, g, b)
        else:
            assert b > r + 60 and b > g + 20, (prompt, r, g, b)


def test_prompt_matching():
    vocab = ClassVocabulary(["red circle", "blue circle", "red square"], null_class=3, synonyms={"ball": "circle"})
    assert vocab.match("A BLUE ball on grey", seed=0)["label"] == "blue circle"
    partial = vocab.match("something red", seed=5)
    assert partial["match"] == "partial" and partial["label"] in {"red circle", "red square"}
    assert vocab.match("something red", seed=5) == partial
    assert vocab.match("a photo of a dog", seed=0) == {"class_id": 3, "label": None, "match": "none"}
