"""MiniLM's encoder on ONNX Runtime: the same embeddings, ~2.5x faster than eager torch on CPU.

A prompt scan is one short sequence; eager PyTorch spends most of those ~13 ms in per-op
dispatch, which ONNX Runtime's fused graph does not pay (~5 ms on one core). The graph is
exported from the loaded torch model itself (so there is no second copy of the weights to
ship or to drift), written to a cache file named by the digest of the model files and the
exporter versions, and checked against torch on a padded probe batch before it is used.

``SAFETY_TEXT_RUNTIME``: ``auto`` (default: ONNX Runtime on CPU, torch on CUDA), ``onnx``
or ``torch``; ``SAFETY_ONNX_THREADS`` sets its intra-op threads. ``SAFETY_CACHE_DIR``
holds exported graphs (default ``~/.cache/rai-safety``); when it cannot be written the
graph stays in memory.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import tempfile
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from safety.scanners.ort_options import session_options

log = logging.getLogger(__name__)

ENV_RUNTIME = "SAFETY_TEXT_RUNTIME"
ENV_CACHE_DIR = "SAFETY_CACHE_DIR"
EXPORT_FORMAT = "minilm-meanpool-l2:1"  # bump when the exported graph's contract changes
PROBE_TOLERANCE = 1e-4                  # max |onnx - torch| on the probe embeddings
PROBE_TEXTS = ("A short probe.", "A longer probe sentence, so that the batch needs padding "
               "and the attention mask really masks something.")


def choose_runtime(device: str, wanted: str | None = None) -> tuple[str, bool]:
    """(``onnx`` or ``torch``, required) for this device; ``wanted`` defaults to
    ``SAFETY_TEXT_RUNTIME``. Required means ONNX was asked for by name, so failing to
    start it is an error rather than a fallback to torch."""
    wanted = (wanted or os.environ.get(ENV_RUNTIME, "auto")).strip().lower() or "auto"
    if wanted not in ("auto", "onnx", "torch"):
        raise ValueError(f"{ENV_RUNTIME}={wanted!r}: expected auto, onnx or torch")
    if wanted == "auto":
        return ("onnx" if device == "cpu" else "torch"), False
    return wanted, wanted == "onnx"


def cache_dir() -> Path:
    """Where exported graphs are kept (``SAFETY_CACHE_DIR`` or ``~/.cache/rai-safety``)."""
    configured = os.environ.get(ENV_CACHE_DIR)
    return Path(configured) if configured else Path.home() / ".cache" / "rai-safety"


def model_digest(model_dir: Path, extra: str = "") -> str:
    """sha256 over the model directory's weight/config files, ``extra`` (the merged
    adapter's digest) and the exporter versions."""
    import onnx
    import torch
    import transformers

    h = hashlib.sha256(f"{EXPORT_FORMAT}|{torch.__version__}|{transformers.__version__}|"
                       f"{onnx.__version__}|{extra}".encode())
    for path in sorted(model_dir.iterdir()):
        if path.is_file() and path.suffix in (".json", ".safetensors", ".bin", ".txt"):
            h.update(path.name.encode())
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def pooled_module(model: Any) -> Any:
    """torch module: encoder -> masked mean pooling -> L2 norm (the sentence embedding).
    The torch runtime runs it directly; the ONNX runtime runs its exported graph."""
    import torch

    class Pooled(torch.nn.Module):
        def __init__(self, encoder: Any):
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.encoder(input_ids=input_ids,
                                  attention_mask=attention_mask).last_hidden_state
            m = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    return Pooled(model).eval()


def export_graph(pooled: Any) -> bytes:
    """ONNX bytes of a :func:`pooled_module`, dynamic in batch and sequence length.

    The example batch is padded, so the traced graph keeps the attention-mask path."""
    import torch

    ids = torch.full((2, 12), 101, dtype=torch.long)
    mask = torch.ones((2, 12), dtype=torch.long)
    mask[1, 6:] = 0
    buf = io.BytesIO()
    with warnings.catch_warnings():  # tracer chatter about Python bools in HF masking code
        warnings.simplefilter("ignore")
        torch.onnx.export(
            pooled, (ids, mask), buf, input_names=["input_ids", "attention_mask"],
            output_names=["embedding"], opset_version=17, dynamo=False,
            dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                          "attention_mask": {0: "batch", 1: "tokens"},
                          "embedding": {0: "batch"}})
    return buf.getvalue()


def _cached_graph(pooled: Any, model_dir: Path, extra: str = "") -> str | bytes:
    """Path of the cached graph (exported and written on first use), or the bytes when the
    cache directory is not writable."""
    target = cache_dir() / f"minilm-{model_digest(model_dir, extra)[:32]}.onnx"
    if target.is_file():
        return str(target)
    graph = export_graph(pooled)
    part = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, part = tempfile.mkstemp(dir=target.parent, suffix=".part")
        with os.fdopen(fd, "wb") as fh:
            fh.write(graph)
        os.replace(part, target)  # atomic: a concurrent process sees all or nothing
        return str(target)
    except OSError as exc:
        if part:
            Path(part).unlink(missing_ok=True)
        log.info("safety: cannot cache the ONNX graph in %s (%s); keeping it in memory",
                 target.parent, exc)
        return graph


class OnnxEncoder:
    """``(input_ids, attention_mask) -> (n, 384)`` float32 embeddings on ONNX Runtime."""

    def __init__(self, pooled: Any, model_dir: Path, threads: int | None = None,
                 extra_digest: str = ""):
        import onnxruntime as ort

        options = session_options(threads)
        graph = _cached_graph(pooled, model_dir, extra_digest)
        try:
            self.session = ort.InferenceSession(graph, options,
                                                providers=["CPUExecutionProvider"])
        except Exception:
            if not isinstance(graph, str):
                raise
            # A damaged cache file (disk full, truncated copy): export afresh, once.
            log.warning("safety: cached ONNX graph %s does not load; exporting again", graph)
            Path(graph).unlink(missing_ok=True)
            graph = _cached_graph(pooled, model_dir, extra_digest)
            self.session = ort.InferenceSession(graph, options,
                                                providers=["CPUExecutionProvider"])

    def __call__(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        return self.session.run(None, {"input_ids": input_ids.astype(np.int64),
                                       "attention_mask": attention_mask.astype(np.int64)})[0]

    def check_against(self, reference: Any, input_ids: np.ndarray,
                      attention_mask: np.ndarray) -> float:
        """Max |difference| to ``reference(ids, mask)``; raises if over PROBE_TOLERANCE."""
        diff = float(np.abs(self(input_ids, attention_mask)
                            - reference(input_ids, attention_mask)).max())
        if not diff <= PROBE_TOLERANCE:
            raise RuntimeError(f"ONNX graph disagrees with torch by {diff:.2e}")
        return diff
