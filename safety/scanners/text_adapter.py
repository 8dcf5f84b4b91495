"""Low-rank (LoRA) adapter for the MiniLM encoder, merged into its weights at load.

A linear head on frozen MiniLM embeddings learns "chat versus caption" more than "harm
versus safety"; fine-tuning the encoder fixes that, but a fine-tuned MiniLM is 90 MB.
``python -m safety.train`` instead learns rank-8 factors ``A`` (r x in) and ``B``
(out x r) for every linear layer of the six transformer blocks (1.3 MB, committed as
``weights/text_adapter.safetensors``). Loading adds ``scale * B @ A`` to each weight once,
so inference costs exactly what the plain encoder costs, on torch or ONNX Runtime.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from safety.errors import WeightsError

# Linear layers of each BERT block that get an adapter (attribute paths under the block).
TARGETS = ("attention.self.query", "attention.self.key", "attention.self.value",
           "attention.output.dense", "intermediate.dense", "output.dense")


def target_modules(model: Any) -> dict[str, Any]:
    """``{"<block>.<target>": nn.Linear}`` for every adapted layer of a BERT encoder."""
    out: dict[str, Any] = {}
    for i, block in enumerate(model.encoder.layer):
        for target in TARGETS:
            module = block
            for part in target.split("."):
                module = getattr(module, part)
            out[f"{i}.{target}"] = module
    return out


def load_factors(path: Path, sha256: str | None = None) -> tuple[dict[str, Any], float]:
    """Read the adapter file; with ``sha256``, a file that does not match is an error."""
    from safetensors import safe_open

    if not path.is_file():
        raise WeightsError(f"missing text adapter {path}; run `python -m safety.train`")
    if sha256 is not None:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != sha256:
            raise WeightsError(f"{path.name} sha256 {digest[:16]} != recorded {sha256[:16]}")
    with safe_open(str(path), framework="pt") as fh:
        meta = fh.metadata() or {}
        factors = {key: fh.get_tensor(key) for key in fh.keys()}  # noqa: SIM118
    if "scale" not in meta:
        raise WeightsError(f"{path.name}: no 'scale' in the adapter metadata")
    return factors, float(meta["scale"])


def merge_factors(model: Any, factors: dict[str, Any], scale: float) -> int:
    """Add ``scale * B @ A`` to every adapted weight in place; returns layers merged.
    A factor set that does not fit the model (names, shapes) is an error, never ignored."""
    import torch

    modules = target_modules(model)
    expected = {f"{name}.{ab}" for name in modules for ab in ("A", "B")}
    if set(factors) != expected:
        missing, extra = sorted(expected - set(factors)), sorted(set(factors) - expected)
        raise WeightsError(f"adapter does not fit the encoder: missing {missing[:3]}, "
                           f"unexpected {extra[:3]}")
    with torch.no_grad():
        for name, linear in modules.items():
            a, b = factors[f"{name}.A"], factors[f"{name}.B"]
            if a.shape[1] != linear.in_features or b.shape[0] != linear.out_features:
                raise WeightsError(f"adapter {name}: shapes {tuple(a.shape)}/{tuple(b.shape)} "
                                   f"do not fit {tuple(linear.weight.shape)}")
            delta = scale * (b.float() @ a.float())
            linear.weight += delta.to(linear.weight.dtype).to(linear.weight.device)
    return len(modules)


def apply_adapter(model: Any, path: Path, sha256: str | None = None) -> int:
    """Load and merge the adapter at ``path`` into ``model``."""
    factors, scale = load_factors(path, sha256)
    return merge_factors(model, factors, scale)
