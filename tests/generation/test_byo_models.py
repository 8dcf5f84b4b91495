"""Bring your own model: tiny checkpoints in standard formats load through the registry and the backends.

Every checkpoint here is random and built by the test (the machines have no model hub):
a Stable-Diffusion-style pipeline, a DCGAN-format and a VAE-format checkpoint, and a GPT-2
whose tokenizer is trained by ``tokenizers``.
"""

from __future__ import annotations

import io
import json

import pytest
import torch
from PIL import Image
from transformers import LogitsProcessor

from generation import GenerationHooks, GenerationRequest, InvalidParameters, ModelLoadError, get_backend, load_registry
from generation.backends.gan import ConditionalDCGANGenerator
from generation.backends.vae import ConditionalVAE

from .tiny_models import save_tiny_gpt2, save_tiny_sd_pipeline, write_registry


def size_of(item) -> tuple[int, int]:
    return Image.open(io.BytesIO(item.data)).size


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    root = tmp_path_factory.mktemp("byo")
    sd = save_tiny_sd_pipeline(root)
    gpt2 = save_tiny_gpt2(root)
    torch.manual_seed(0)
    ConditionalDCGANGenerator(latent_dim=8, num_classes=2, embed_dim=4, base_channels=16, image_size=8).save_pretrained(
        root / "gan" / "generator"
    )
    (root / "gan" / "labels.json").write_text(json.dumps({"classes": ["cat", "dog"], "null_class": None}))
    ConditionalVAE(latent_dim=4, num_classes=0, embed_dim=4, base_channels=16, image_size=8).save_pretrained(
        root / "vae"
    )
    path = write_registry(
        root / "models.toml",
        [
            f"""[[models]]
name = "tiny-sd"
family = "diffusion"
modality = "image"
loader = "diffusers-pipeline"
source = "{sd}"
version = "0"
device = "cpu"
defaults = {{ steps = 2, guidance_scale = 3.0, width = 32, height = 32, negative_prompt = "" }}
limits = {{ steps = [1, 10], guidance_scale = [0.0, 10.0], width = [16, 64], height = [16, 64] }}
""",
            f"""[[models]]
name = "tiny-gan"
family = "gan"
modality = "image"
loader = "torch-gan"
source = "{root / "gan"}"
version = "0"
device = "cpu"
defaults = {{ truncation = 1.0, size = 256 }}
limits = {{ truncation = [0.0, 2.0], size = [256, 512] }}
""",
            f"""[[models]]
name = "tiny-vae"
family = "vae"
modality = "image"
loader = "torch-vae"
source = "{root / "vae"}"
version = "0"
device = "cpu"
defaults = {{ temperature = 1.0, size = 256 }}
limits = {{ temperature = [0.0, 2.0], size = [256, 256] }}
""",
            f"""[[models]]
name = "tiny-gpt2"
family = "autoregressive"
modality = "text"
loader = "transformers-causal-lm"
source = "{gpt2}"
version = "0"
device = "cpu"
defaults = {{ max_new_tokens = 8, temperature = 1.0, top_p = 0.9, stop = [] }}
limits = {{ max_new_tokens = [1, 60], temperature = [0.0, 2.0], top_p = [0.01, 1.0] }}
""",
        ],
    )
    return load_registry(path)


def test_stable_diffusion_style_pipeline(registry):
    backend = get_backend(registry["tiny-sd"])
    backend.load()
    reqs = [
        GenerationRequest("a red circle", {}, seed=1),
        GenerationRequest("blue", {"negative_prompt": "red"}, seed=2),
        GenerationRequest("a red circle", {"width": 48, "steps": 1}, seed=1),
    ]
    items = backend.generate(reqs)
    assert [size_of(i) for i in items] == [(32, 32), (32, 32), (48, 32)]
    meta = items[0].metadata
    assert meta["pipeline"] == "StableDiffusionPipeline" and meta["scheduler"] == "EulerDiscreteScheduler"
    assert items[1].metadata["timings"]["batch_size"] == 2  # same steps/guidance/size -> one pipeline call
    assert backend.generate([reqs[0]])[0].data == items[0].data  # seed, not batch, decides the image
    with pytest.raises(InvalidParameters, match="width must be a multiple of 2"):
        backend.generate([GenerationRequest("x", {"width": 33}, seed=0)])
    with pytest.raises(InvalidParameters, match="negative_prompt must be a string"):
        backend.validate({"negative_prompt": 5})


def test_dcgan_checkpoint(registry):
    backend = get_backend(registry["tiny-gan"])
    items = backend.generate(
        [GenerationRequest("a dog", {}, seed=3), GenerationRequest("a cat", {"size": 512, "truncation": 0.0}, seed=4)]
    )
    assert [size_of(i) for i in items] == [(256, 256), (512, 512)]
    assert [i.metadata["condition"]["label"] for i in items] == ["dog", "cat"]
    assert items[0].metadata["native_resolution"] == 8 and items[0].metadata["family"] == "gan"
    assert backend.generate([GenerationRequest("a dog", {}, seed=3)])[0].data == items[0].data
    # the prompt names no class and there is no null class: the seed draws one
    assert backend.generate([GenerationRequest("a horse", {}, seed=0)])[0].metadata["condition"]["match"] == "none"


def test_vae_checkpoint_flat_and_unconditional(registry):
    backend = get_backend(registry["tiny-vae"])
    a, b, mean1, mean2 = backend.generate(
        [
            GenerationRequest("anything", {}, seed=1),
            GenerationRequest("anything", {}, seed=2),
            GenerationRequest("anything", {"temperature": 0.0}, seed=1),
            GenerationRequest("anything", {"temperature": 0.0}, seed=2),
        ]
    )
    assert a.data != b.data and mean1.data == mean2.data  # temperature 0 decodes the prior mean
    assert a.metadata["condition"]["match"] == "unconditional"
    with pytest.raises(InvalidParameters, match="temperature must be a number between 0.0 and 2.0"):
        backend.validate({"temperature": 3})


def test_gan_vae_load_errors(tmp_path, registry):
    from dataclasses import replace

    with pytest.raises(ModelLoadError, match="needs generator/config.json"):
        get_backend(replace(registry["tiny-gan"], source=str(tmp_path))).load()
    with pytest.raises(ModelLoadError, match="not a local directory"):
        get_backend(replace(registry["tiny-vae"], source=str(tmp_path / "nope"))).load()
    with pytest.raises(ModelLoadError, match="no model_index.json"):
        get_backend(replace(registry["tiny-sd"], source=str(tmp_path))).load()
    with pytest.raises(ModelLoadError, match="no config.json"):
        get_backend(replace(registry["tiny-gpt2"], source=str(tmp_path))).load()


class ForceToken(LogitsProcessor):
    """A caller-built hook: only token ``tid`` may come next."""

    def __init__(self, tid: int) -> None:
        self.tid = tid
        self.calls = 0

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        self.calls += 1
        out = torch.full_like(scores, float("-inf"))
        out[:, self.tid] = 0.0
        return out


def test_gpt2_text_generation(registry):
    backend = get_backend(registry["tiny-gpt2"])
    backend.load()
    tok = backend.tokenizer
    reqs = [
        GenerationRequest("the red", {}, seed=1),
        GenerationRequest("a much longer prompt about the blue square", {"temperature": 0.0}, seed=2),
    ]
    items = backend.generate(reqs)
    for item in items:
        assert item.mime == "text/plain; charset=utf-8"
        meta = item.metadata
        assert meta["generated_tokens"] == len(meta["token_ids"]) and meta["finish_reason"] in ("stop", "length")
        assert tok.decode(meta["token_ids"]) == item.data.decode("utf-8")
    assert items[0].metadata["prompt_tokens"] == len(tok("the red")["input_ids"]) + 1  # + the bos token
    # per-request generators: the same request gives the same text alone or in a batch
    assert [backend.generate([r])[0].data for r in reqs] == [i.data for i in items]


def test_gpt2_hooks_stop_and_limits(registry):
    backend = get_backend(registry["tiny-gpt2"])
    backend.load()
    tid = backend.tokenizer("e", add_special_tokens=False)["input_ids"][0]
    hook = ForceToken(tid)
    item = backend.generate([GenerationRequest("x", {"max_new_tokens": 5}, seed=0)], GenerationHooks([hook]))[0]
    assert item.metadata["token_ids"] == [tid] * 5 and hook.calls == 5
    assert item.metadata["logits_processors"] == ["ForceToken"] and item.metadata["finish_reason"] == "length"
    stopped = backend.generate(
        [GenerationRequest("x", {"max_new_tokens": 20, "stop": ["ee"]}, seed=0)], GenerationHooks([ForceToken(tid)])
    )[0]
    assert stopped.data == b"" and stopped.metadata["finish_reason"] == "stop"
    assert stopped.metadata["stop_reason"] == "stop_sequence" and stopped.metadata["token_ids"] == []
    with pytest.raises(InvalidParameters, match="max_new_tokens must be an integer between 1 and 60"):
        backend.validate({"max_new_tokens": 0})
    with pytest.raises(InvalidParameters, match="stop must be a list"):
        backend.validate({"stop": [1]})
    with pytest.raises(InvalidParameters, match="below the model's context of 64"):
        from dataclasses import replace

        other = get_backend(replace(backend.spec, limits={**backend.spec.limits, "max_new_tokens": [1, 100]}))
        other.generate([GenerationRequest("x", {"max_new_tokens": 64}, seed=0)])
    # image backends accept and ignore hooks
    gan = get_backend(registry["tiny-gan"])
    assert len(gan.generate([GenerationRequest("a dog", {}, seed=0)], GenerationHooks([hook]))) == 1
