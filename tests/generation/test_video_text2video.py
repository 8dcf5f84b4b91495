"""Bring your own text-to-video model: a tiny TextToVideoSDPipeline folder loads through the registry.

The checkpoint is random and built here (the machines have no model hub): UNet3DConditionModel +
AutoencoderKL + CLIPTextModel + a CLIPTokenizer from a hand-written vocabulary, with a
non-DDIM scheduler to show that the scheduler the folder names is the one used.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from generation import GenerationHooks, GenerationRequest, InvalidParameters, get_backend, load_registry
from generation.backends.video_diffusion import frames_to_uint8
from generation.codecs.video import decode_mp4, probe_mp4

from .tiny_models import tiny_conditional_unet_config, tiny_vae_and_clip_text, write_registry


def save_tiny_text_to_video(root: Path) -> Path:
    """A TextToVideoSDPipeline with tiny random components and a DPM-Solver scheduler, saved with save_pretrained."""
    from diffusers import DPMSolverMultistepScheduler, TextToVideoSDPipeline, UNet3DConditionModel

    torch.manual_seed(0)
    unet = UNet3DConditionModel(**tiny_conditional_unet_config("3D"))
    vae, text, tokenizer = tiny_vae_and_clip_text(root)
    pipe = TextToVideoSDPipeline(
        unet=unet,
        vae=vae,
        text_encoder=text,
        tokenizer=tokenizer,
        scheduler=DPMSolverMultistepScheduler(num_train_timesteps=100),
    )
    pipe.save_pretrained(root / "t2v")
    return root / "t2v"


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    torch.set_num_threads(1)
    root = tmp_path_factory.mktemp("t2v")
    folder = save_tiny_text_to_video(root)
    path = write_registry(
        root / "models.toml",
        [
            f"""[[models]]
name = "tiny-t2v"
family = "diffusion"
modality = "video"
loader = "diffusers-text-to-video"
source = "{folder}"
version = "0"
device = "auto"

[models.defaults]
steps = 2
guidance_scale = 7.5
num_frames = 5
fps = 10
width = 32
height = 24
negative_prompt = ""

[models.limits]
steps = [1, 10]
guidance_scale = [0.0, 15.0]
num_frames = [2, 16]
fps = [4, 24]
width = [16, 64]
height = [16, 64]
"""
        ],
    )
    spec = load_registry(path)["tiny-t2v"]
    assert spec.modality == "video" and spec.loader == "diffusers-text-to-video"
    b = get_backend(spec)
    b.load()
    return b


def test_generates_a_decodable_mp4_with_the_requested_frames(backend):
    item = backend.generate([GenerationRequest("a red circle", {}, seed=3)])[0]
    assert item.mime == "video/mp4"
    info = probe_mp4(item.data)
    assert (info["frames"], info["width"], info["height"], info["fps"]) == (5, 32, 24, 10.0)
    frames, _ = decode_mp4(item.data)
    assert frames.shape == (5, 24, 32, 3)
    meta = item.metadata
    assert meta["pipeline"] == "TextToVideoSDPipeline" and meta["scheduler"] == "DPMSolverMultistepScheduler"
    assert (meta["num_frames"], meta["fps"], meta["width"], meta["height"]) == (5, 10, 32, 24)
    assert meta["duration_s"] == 0.5 and meta["watermarked"] is False
    assert meta["device"] == backend.device and meta["seed"] == 3 and "denoise_s" in meta["timings"]


def test_seeded_reproducible_and_params_reach_the_pipeline(backend):
    params = {"num_frames": 3, "width": 16, "height": 16, "fps": 4, "negative_prompt": "blue"}
    a = backend.generate([GenerationRequest("a red circle", params, seed=1), GenerationRequest("blue", {}, seed=2)])
    b = backend.generate([GenerationRequest("a red circle", params, seed=1)])
    assert a[0].data == b[0].data
    assert backend.generate([GenerationRequest("a red circle", params, seed=9)])[0].data != a[0].data
    info = probe_mp4(a[0].data)
    assert (info["frames"], info["width"], info["height"], info["fps"]) == (3, 16, 16, 4.0)
    assert probe_mp4(a[1].data)["frames"] == 5


def test_frame_watermark_hook_marks_the_frames_before_encoding(backend):
    seen = []

    def mark(frames: np.ndarray) -> np.ndarray:
        seen.append((frames.shape, frames.dtype))
        frames[:, :8, :8] = 255
        return frames

    item = backend.generate([GenerationRequest("red", {}, seed=0)], GenerationHooks(frame_watermark=mark))[0]
    assert seen == [((5, 24, 32, 3), np.uint8)]
    assert item.metadata["watermarked"] is True
    frames, _ = decode_mp4(item.data)
    assert frames[:, 1:7, 1:7].min() > 230


@pytest.mark.parametrize(
    ("params", "field", "text"),
    [
        ({"width": 20}, "width", "multiple of 8"),
        ({"num_frames": 40}, "num_frames", "between 2 and 16"),
        ({"negative_prompt": 3}, "negative_prompt", "string"),
        ({"motion": 1}, "motion", "unknown parameter"),
    ],
)
def test_invalid_params_name_the_field(backend, params, field, text):
    with pytest.raises(InvalidParameters) as err:
        backend.generate([GenerationRequest("x", params, seed=0)])
    assert err.value.field == field and text in err.value.message


def test_frames_to_uint8_reads_every_output_form():
    video = np.random.default_rng(0).random((4, 6, 8, 3)).astype(np.float32)
    expected = (video * 255).round().astype(np.uint8)
    assert np.array_equal(frames_to_uint8(video[None]), expected)  # np batch (B, T, H, W, C)
    assert np.array_equal(frames_to_uint8(torch.from_numpy(video).permute(0, 3, 1, 2)[None]), expected)  # pt
    pils = [Image.fromarray(f) for f in expected]
    assert np.array_equal(frames_to_uint8([pils]), expected)  # pil batch
    assert np.array_equal(frames_to_uint8(list(expected)), expected)  # list of uint8 frames
    assert frames_to_uint8(video[..., :1]).shape == (4, 6, 8, 3)  # grey -> RGB
