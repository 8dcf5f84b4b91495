"""Checkpoints users bring: a tiny random UNet2DModel saved with save_pretrained loads through the backend."""

import io
import json
from pathlib import Path

import pytest
import torch
from diffusers import DDIMScheduler, UNet2DModel
from PIL import Image

from generation import GenerationRequest, ModelLoadError, ModelSpec, get_backend


def tiny_unet(num_class_embeds: int | None) -> UNet2DModel:
    torch.manual_seed(0)
    return UNet2DModel(
        sample_size=8,
        in_channels=3,
        out_channels=3,
        block_out_channels=(8, 16),
        layers_per_block=1,
        down_block_types=("DownBlock2D", "DownBlock2D"),
        up_block_types=("UpBlock2D", "UpBlock2D"),
        norm_num_groups=4,
        num_class_embeds=num_class_embeds,
    )


def spec_for(source: Path) -> ModelSpec:
    return ModelSpec(
        name="tiny",
        family="diffusion",
        modality="image",
        loader="diffusers-unet2d",
        source=str(source),
        version="0",
        device="cpu",
        defaults={"steps": 2, "guidance_scale": 1.5, "size": 256},
        limits={"steps": [1, 10], "guidance_scale": [0.0, 5.0], "size": [256, 256]},
    )


def test_tiny_class_conditional_checkpoint(tmp_path):
    tiny_unet(3).save_pretrained(tmp_path / "unet")
    DDIMScheduler(num_train_timesteps=50).save_pretrained(tmp_path / "scheduler")
    (tmp_path / "labels.json").write_text(json.dumps({"classes": ["cat", "dog"], "null_class": 2}))
    backend = get_backend(spec_for(tmp_path))
    backend.load()
    items = backend.generate([GenerationRequest("a dog", {}, seed=1), GenerationRequest("a cat", {}, seed=1)])
    assert [Image.open(io.BytesIO(i.data)).size for i in items] == [(256, 256), (256, 256)]
    assert [i.metadata["condition"]["label"] for i in items] == ["dog", "cat"]
    assert items[0].metadata["native_resolution"] == 8
    assert backend.generate([GenerationRequest("a dog", {}, seed=1)])[0].data == items[0].data


def test_tiny_unconditional_flat_checkpoint(tmp_path):
    tiny_unet(None).save_pretrained(tmp_path)
    DDIMScheduler(num_train_timesteps=50).save_pretrained(tmp_path)
    backend = get_backend(spec_for(tmp_path))
    items = backend.generate([GenerationRequest("anything", {"steps": 1}, seed=0)])  # loads lazily
    assert items[0].metadata["condition"]["match"] == "unconditional"


def test_load_errors(tmp_path):
    with pytest.raises(ModelLoadError, match="not a local directory"):
        get_backend(spec_for(tmp_path / "missing")).load()
    with pytest.raises(ModelLoadError, match="needs unet/config.json"):
        get_backend(spec_for(tmp_path)).load()
    tiny_unet(3).save_pretrained(tmp_path / "unet")
    DDIMScheduler(num_train_timesteps=50).save_pretrained(tmp_path / "scheduler")
    (tmp_path / "labels.json").write_text(json.dumps({"classes": ["cat"], "null_class": 1}))
    with pytest.raises(ModelLoadError, match="names 2 classes but the UNet has 3"):
        get_backend(spec_for(tmp_path)).load()
