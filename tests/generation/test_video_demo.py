"""The demo video models (shapes-video, shapes-vae-video) through the registry: MP4s of the prompted shape.

Few steps and frames keep this fast; the defaults (25 steps, 16 frames) are measured in docs/models.md.
"""

from __future__ import annotations

import io
from dataclasses import replace

import numpy as np
import pytest
import torch
from PIL import Image

from generation import GenerationHooks, GenerationRequest, InvalidParameters, get_backend, load_registry
from generation.backends.video_shapes import keyframe_count, noise_walk, slerp
from generation.codecs.video import decode_mp4, probe_mp4
from generation.quality import generate_with_quality, score_quality
from generation.types import GenerationError

FAST = {"steps": 3, "num_frames": 4}


@pytest.fixture(scope="module")
def specs():
    torch.set_num_threads(1)
    return {k: replace(v, device="cpu") for k, v in load_registry().items()}


@pytest.fixture(scope="module")
def video(specs):
    b = get_backend(specs["shapes-video"])
    b.load()
    return b


def frames_of(item) -> np.ndarray:
    assert item.mime == "video/mp4"
    frames, _ = decode_mp4(item.data)
    return frames.astype(np.int32)


def test_registry_entries_describe_video_models(specs):
    for name, family, loader in (
        ("shapes-video", "diffusion", "diffusers-class-conditional-video"),
        ("shapes-vae-video", "vae", "torch-vae-video"),
    ):
        spec = specs[name]
        assert (spec.family, spec.modality, spec.loader) == (family, "video", loader)
        assert spec.defaults["num_frames"] == 16 and spec.limits["num_frames"] == [4, 32]
        assert spec.defaults["fps"] == 8 and spec.limits["fps"] == [4, 24]
        assert spec.defaults["size"] == 256


def test_seeded_mp4_with_the_requested_frames_size_and_rate(video):
    reqs = [
        GenerationRequest("a red circle", FAST, seed=1),
        GenerationRequest("a blue square", {**FAST, "num_frames": 5, "fps": 12, "size": 320}, seed=2),
    ]
    first = video.generate(reqs)
    assert [i.data for i in video.generate(reqs)] == [i.data for i in first]
    info = probe_mp4(first[1].data)
    assert (info["frames"], info["width"], info["height"], info["fps"]) == (5, 320, 320, 12.0)
    assert frames_of(first[0]).shape == (4, 256, 256, 3)
    meta = first[1].metadata
    assert meta["condition"]["label"] == "blue square" and meta["condition"]["match"] == "exact"
    assert (meta["num_frames"], meta["fps"], meta["width"], meta["height"]) == (5, 12, 320, 320)
    assert meta["duration_s"] == pytest.approx(5 / 12, abs=1e-3) and meta["steps"] == 3
    assert meta["motion"]["keyframe_seeds"] == [2, 3] and meta["native_resolution"] == 32
    assert meta["watermarked"] is False and meta["device"] == "cpu" and "denoise_per_frame_s" in meta["timings"]
    other = video.generate([GenerationRequest("a red circle", FAST, seed=7)])[0]
    assert other.data != first[0].data


def test_frame_zero_is_the_image_model_sample_and_neighbours_are_close(specs, video):
    image = get_backend(specs["shapes-diffusion"])
    png = image.generate([GenerationRequest("a red circle", {"steps": 3}, seed=3)])[0]
    item = video.generate([GenerationRequest("a red circle", {"steps": 3, "num_frames": 8}, seed=3)])[0]
    frames = frames_of(item)
    assert np.abs(frames[0] - np.asarray(Image.open(io.BytesIO(png.data))).astype(np.int32)).mean() < 4
    adjacent = np.abs(np.diff(frames, axis=0)).mean(axis=(1, 2, 3))
    ends = np.abs(frames[0] - frames[-1]).mean()  # first and last come from independent seeds
    assert adjacent.max() < 0.5 * ends, (adjacent, ends)


@pytest.mark.parametrize(
    ("params", "field", "text"),
    [
        ({"num_frames": 3}, "num_frames", "num_frames must be an integer between 4 and 32"),
        ({"num_frames": 33}, "num_frames", "num_frames must be an integer between 4 and 32"),
        ({"fps": 30}, "fps", "fps must be an integer between 4 and 24"),
        ({"fps": 7.5}, "fps", "fps must be an integer between 4 and 24"),
        ({"size": 513}, "size", "size must be an integer between 256 and 512"),
        ({"steps": 0}, "steps", "steps must be an integer between 1 and 100"),
        ({"duration": 2}, "duration", "unknown parameter"),
    ],
)
def test_invalid_params_name_the_field_and_range(video, params, field, text):
    with pytest.raises(InvalidParameters) as err:
        video.generate([GenerationRequest("a red circle", {**FAST, **params}, seed=0)])
    assert err.value.field == field and text in err.value.message


def test_frame_watermark_hook_is_applied_before_encoding(video):
    calls = []

    def mark(frames: np.ndarray) -> np.ndarray:
        calls.append((frames.shape, frames.dtype))
        out = frames.copy()
        out[:, :32, :32] = (255, 0, 255)
        return out

    item = video.generate([GenerationRequest("a green star", FAST, seed=4)], GenerationHooks(frame_watermark=mark))[0]
    assert calls == [((4, 256, 256, 3), np.uint8)]
    assert item.metadata["watermarked"] is True
    corner = frames_of(item)[:, 4:28, 4:28].reshape(-1, 3).mean(axis=0)
    assert corner[0] > 230 and corner[1] < 25 and corner[2] > 230

    bad = GenerationHooks(frame_watermark=lambda frames: frames[0])  # drops the time axis
    with pytest.raises(GenerationError, match="frame_watermark"):
        video.generate([GenerationRequest("a green star", FAST, seed=4)], bad)


def test_adherence_scores_decoded_frames(video):
    original = video.spec
    spec = video.spec = replace(original, quality={"min_score": 0.5, "max_attempts": 1})
    try:
        item = generate_with_quality(video, [GenerationRequest("a yellow square", FAST, seed=5)])[0]
    finally:
        video.spec = original
    assert 0.0 <= item.metadata["quality"] <= 1.0 and item.metadata["quality_scorer"] == "shapes-adherence"
    assert item.metadata["attempts"] == 1 and isinstance(item.metadata["quality_passed"], bool)
    unconditional = video.generate([GenerationRequest("a photo of a dog", FAST, seed=5)])[0]
    assert score_quality(spec, GenerationRequest("a photo of a dog", FAST, seed=5), unconditional) is None


def test_vae_latent_walk_video(specs):
    b = get_backend(specs["shapes-vae-video"])
    reqs = [GenerationRequest("a purple triangle", {"num_frames": 6}, seed=1), GenerationRequest("red", {}, seed=2)]
    items = b.generate(reqs)
    assert b.generate([reqs[0]])[0].data == items[0].data  # same seed, same bytes, whatever the batch
    assert probe_mp4(items[1].data)["frames"] == 16 and frames_of(items[0]).shape == (6, 256, 256, 3)
    assert items[0].metadata["condition"]["label"] == "purple triangle" and items[0].metadata["family"] == "vae"
    score = score_quality(b.spec, reqs[0], items[0])
    assert score is not None and 0.0 <= score <= 1.0
    still = frames_of(b.generate([GenerationRequest("a purple triangle", {"temperature": 0.0}, seed=1)])[0])
    assert np.abs(np.diff(still, axis=0)).mean() < 0.5  # temperature 0: the prior mean in every frame


def test_gan_latent_walk_loader(specs):
    spec = replace(
        specs["shapes-gan"],
        modality="video",
        loader="torch-gan-video",
        defaults={**specs["shapes-gan"].defaults, "num_frames": 4, "fps": 8},
        limits={**specs["shapes-gan"].limits, "num_frames": [4, 8], "fps": [4, 24]},
    )
    item = get_backend(spec).generate([GenerationRequest("an orange star", {}, seed=3)])[0]
    assert probe_mp4(item.data)["frames"] == 4 and item.metadata["condition"]["label"] == "orange star"


def test_noise_walk_is_seeded_slerp_between_keyframes():
    assert [keyframe_count(n) for n in (1, 4, 8, 16, 32)] == [1, 2, 2, 3, 5]
    walk, seeds = noise_walk(5, 9, (3, 4, 4))
    assert seeds == [5, 6] and walk.shape == (9, 3, 4, 4)
    key = torch.randn((1, 3, 4, 4), generator=torch.Generator().manual_seed(5))[0]
    assert torch.equal(walk[0], key)
    assert torch.allclose(walk[-1], torch.randn((1, 3, 4, 4), generator=torch.Generator().manual_seed(6))[0])
    a, b = torch.randn(1000), torch.randn(1000)
    mid = slerp(a, b, 0.5)
    assert abs(mid.norm() / a.norm() - 1) < 0.1  # stays on the Gaussian shell (a straight line would shrink ~30%)


def test_odd_size_is_padded_to_even_and_keeps_its_watermark_hook(video):
    seen = []

    def mark(frames):
        seen.append(frames.shape)
        return frames

    (item,) = video.generate([GenerationRequest("a red circle", {**FAST, "size": 257}, seed=0)],
                             GenerationHooks(frame_watermark=mark))
    assert seen[0][1:3] == (257, 257) and item.metadata["watermarked"]
    assert item.mime == "video/mp4"
