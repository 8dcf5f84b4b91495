"""GAN family: a class-conditional DCGAN generator, saved and loaded diffusers-style.

``ConditionalDCGANGenerator`` is a ``ModelMixin`` + ``ConfigMixin`` module, so a checkpoint
is ``config.json`` + ``diffusion_pytorch_model.safetensors`` written by ``save_pretrained``
(in ``<source>/generator/`` or flat in ``<source>``), plus an optional ``labels.json``.
The generator maps ``z ~ N(0, truncation^2)`` (seeded per request) and a class embedding
to a 32x32 (``image_size``) image in [-1, 1]; ``num_classes = 0`` makes it unconditional.
The discriminator is training-only and lives in ``zoo/train_gan.py``.
"""

from __future__ import annotations

import math

import torch
from diffusers.configuration_utils import ConfigMixin, register_to_config
from diffusers.models.modeling_utils import ModelMixin
from torch import nn

from generation.backends.base import register_backend
from generation.backends.latent import LatentDecoderBackend


class ConditionalDCGANGenerator(ModelMixin, ConfigMixin):
    """z + class embedding -> Linear -> 4x4 -> (ConvTranspose, BN, ReLU) x log2(size/4) -> 3x3 conv -> tanh."""

    config_name = "config.json"

    @register_to_config
    def __init__(
        self,
        latent_dim: int = 64,
        num_classes: int = 24,
        embed_dim: int = 32,
        base_channels: int = 128,
        image_size: int = 32,
        out_channels: int = 3,
    ) -> None:
        super().__init__()
        n_up = int(math.log2(image_size // 4))
        if 4 * 2**n_up != image_size:
            raise ValueError(f"image_size must be 4 * 2^k, got {image_size}")
        self.embed = nn.Embedding(num_classes, embed_dim) if num_classes else None
        in_dim = latent_dim + (embed_dim if num_classes else 0)
        self.project = nn.Sequential(
            nn.Linear(in_dim, base_channels * 16, bias=False),
            nn.Unflatten(1, (base_channels, 4, 4)),
            nn.BatchNorm2d(base_channels),
            nn.ReLU(True),
        )
        layers: list[nn.Module] = []
        ch = base_channels
        for _ in range(n_up):
            layers += [nn.ConvTranspose2d(ch, ch // 2, 4, 2, 1, bias=False), nn.BatchNorm2d(ch // 2), nn.ReLU(True)]
            ch //= 2
        layers += [nn.Conv2d(ch, out_channels, 3, 1, 1), nn.Tanh()]
        self.up = nn.Sequential(*layers)

    def forward(self, z: torch.Tensor, class_ids: torch.Tensor | None = None) -> torch.Tensor:
        h = z
        if self.embed is not None:
            if class_ids is None:
                raise ValueError("this generator is class-conditional: pass class_ids")
            h = torch.cat([z, self.embed(class_ids).to(z.dtype)], dim=1)
        return self.up(self.project(h))

    def decode(self, z: torch.Tensor, class_ids: torch.Tensor | None = None) -> torch.Tensor:
        return self.forward(z, class_ids)


@register_backend("torch-gan")
class GANBackend(LatentDecoderBackend):
    """Params: ``truncation`` (latent scale; 0 = the generator at z=0), ``size`` (output px)."""

    model_class = ConditionalDCGANGenerator
    subfolder = "generator"
    latent_param = "truncation"
    what = "GAN generator"
