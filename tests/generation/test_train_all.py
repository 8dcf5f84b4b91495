"""The training code of every demo model runs (quick mode: tiny models, a few steps) and its output loads."""

from __future__ import annotations

from generation import GenerationRequest, ModelSpec, get_backend
from generation.zoo.train_all import MODELS, train_all

LOADERS = {
    "shapes-diffusion": (
        "diffusion",
        "image",
        "diffusers-class-conditional",
        {"steps": 1, "guidance_scale": 1.0, "size": 256},
    ),
    "shapes-gan": ("gan", "image", "torch-gan", {"truncation": 1.0, "size": 256}),
    "shapes-vae": ("vae", "image", "torch-vae", {"temperature": 1.0, "size": 256}),
    "tiny-lm": (
        "autoregressive",
        "text",
        "transformers-causal-lm",
        {"max_new_tokens": 3, "temperature": 1.0, "top_p": 1.0},
    ),
}


def test_quick_train_all_then_load(tmp_path):
    records = train_all(tmp_path, quick=True, progress=False)
    assert set(records) == set(MODELS)
    assert records["tiny-lm"]["heldout_perplexity"] > 0 and records["tiny-lm"]["unigram_heldout_perplexity"] > 0
    for name, (family, modality, loader, defaults) in LOADERS.items():
        spec = ModelSpec(name, family, modality, loader, str(tmp_path / name), "0", device="cpu", defaults=defaults)
        (item,) = get_backend(spec).generate([GenerationRequest("a red circle", {}, seed=0)])
        assert item.data and item.metadata["model"] == name
    assert (tmp_path / "shapes-adherence" / "config.json").is_file()
