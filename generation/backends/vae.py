"""VAE family: a class-conditional VAE whose decoder samples the latent prior, saved diffusers-style.

``ConditionalVAE`` is a ``ModelMixin`` + ``ConfigMixin`` module (``config.json`` +
``diffusion_pytorch_model.safetensors`` in ``<source>/vae/`` or flat in ``<source>``, plus an
optional ``labels.json``). Generation draws ``z ~ N(0, temperature^2)`` from the prior
(seeded per request; ``temperature = 0`` decodes the prior mean) and decodes it with the
prompt's class; the encoder is only used in training (``zoo/train_vae.py``).
"""

from __future__ import annotations

import math

import torch
from diffusers.configuration_utils import ConfigMixin, register_to_config
from diffusers.models.modeling_utils import ModelMixin
from torch import nn

from generation.backends.base import register_backend
from generation.backends.latent import LatentDecoderBackend


def _groups(ch: int) -> int:
    return math.gcd(ch, 8)


class ConditionalVAE(ModelMixin, ConfigMixin):
    """Conv encoder (stride 2) -> (mu, logvar); decoder: z + class embedding -> 4x4 -> upsampling convs -> tanh."""

    config_name = "config.json"

    @register_to_config
    def __init__(
        self,
        latent_dim: int = 32,
        num_classes: int = 24,
        embed_dim: int = 32,
        base_channels: int = 128,
        image_size: int = 32,
        in_channels: int = 3,
    ) -> None:
        super().__init__()
        n = int(math.log2(image_size // 4))
        if 4 * 2**n != image_size:
            raise ValueError(f"image_size must be 4 * 2^k, got {image_size}")
        self.embed = nn.Embedding(num_classes, embed_dim) if num_classes else None
        cond = embed_dim if num_classes else 0
        enc: list[nn.Module] = []
        ch_in, ch = in_channels, base_channels // 2 ** (n - 1)
        for _ in range(n):
            enc += [nn.Conv2d(ch_in, ch, 4, 2, 1), nn.GroupNorm(_groups(ch), ch), nn.SiLU()]
            ch_in, ch = ch, ch * 2
        self.encoder = nn.Sequential(*enc, nn.Flatten())
        self.to_stats = nn.Linear(ch_in * 16 + cond, 2 * latent_dim)
        self.project = nn.Sequential(
            nn.Linear(latent_dim + cond, base_channels * 16),
            nn.Unflatten(1, (base_channels, 4, 4)),
            nn.SiLU(),
        )
        dec: list[nn.Module] = []
        ch = base_channels
        for _ in range(n):
            dec += [
                nn.Upsample(scale_factor=2, mode="nearest"),
                nn.Conv2d(ch, ch // 2, 3, 1, 1),
                nn.GroupNorm(_groups(ch // 2), ch // 2),
                nn.SiLU(),
            ]
            ch //= 2
        dec += [nn.Conv2d(ch, in_channels, 3, 1, 1), nn.Tanh()]
        self.decoder = nn.Sequential(*dec)

    def _cond(self, h: torch.Tensor, class_ids: torch.Tensor | None) -> torch.Tensor:
        if self.embed is None:
            return h
        if class_ids is None:
            raise ValueError("this VAE is class-conditional: pass class_ids")
        return torch.cat([h, self.embed(class_ids).to(h.dtype)], dim=1)

    def encode(self, x: torch.Tensor, class_ids: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
        mu, logvar = self.to_stats(self._cond(self.encoder(x), class_ids)).chunk(2, dim=1)
        return mu, logvar

    def decode(self, z: torch.Tensor, class_ids: torch.Tensor | None = None) -> torch.Tensor:
        return self.decoder(self.project(self._cond(z, class_ids)))

    def forward(
        self, x: torch.Tensor, class_ids: torch.Tensor | None = None, generator: torch.Generator | None = None
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Reconstruct ``x`` with the reparameterisation trick; returns (recon, mu, logvar)."""
        mu, logvar = self.encode(x, class_ids)
        eps = torch.randn(mu.shape, generator=generator, device=mu.device, dtype=mu.dtype)
        z = mu + eps * torch.exp(0.5 * logvar)
        return self.decode(z, class_ids), mu, logvar


@register_backend("torch-vae")
class VAEBackend(LatentDecoderBackend):
    """Params: ``temperature`` (prior scale; 0 = decode the prior mean), ``size`` (output px)."""

    model_class = ConditionalVAE
    subfolder = "vae"
    latent_param = "temperature"
    what = "VAE"
