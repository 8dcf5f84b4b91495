"""ONNX Runtime session options shared by the scanners that run ONNX graphs.

ONNX Runtime's default pool takes every core and pins its threads, ignoring the process's
CPU affinity; ``SAFETY_ONNX_THREADS`` bounds it (0 or unset: the runtime's default).
"""

from __future__ import annotations

import os
from typing import Any

ENV_ONNX_THREADS = "SAFETY_ONNX_THREADS"


def onnx_threads() -> int:
    """Intra-op threads per session from ``SAFETY_ONNX_THREADS`` (0 = runtime default)."""
    raw = os.environ.get(ENV_ONNX_THREADS, "0").strip() or "0"
    if not raw.isdigit():
        raise ValueError(f"{ENV_ONNX_THREADS}={raw!r}: expected a whole number")
    return int(raw)


def session_options(threads: int | None = None) -> Any:
    """Fully optimised, one inter-op thread, ``threads`` (default ``onnx_threads()``) intra-op."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = onnx_threads() if threads is None else threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return options
