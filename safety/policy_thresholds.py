"""Copy the trained text-classifier thresholds into a policy file, keeping its comments.

`python -m safety.train` chooses the review/block thresholds on its calibration split; the
policy is what the service applies. Copying them by hand after each retrain is how a policy
and a model drift apart, so the trainer rewrites the lines itself: one `label = { ... }` line
per trained label in `[thresholds]`, and the `unsafe` line of `[context_thresholds.prompt.text]`.
Other sections (image-prompt floors, rule and image scanner thresholds) are policy choices and
are left alone.
"""

from __future__ import annotations

import re
from pathlib import Path

_CONTEXT_HEADER = "# Per-context overrides"


def _inline(t: dict[str, float], order: tuple[str, ...] = ("block", "review")) -> str:
    return "{ " + ", ".join(f"{k} = {t[k]}" for k in order if k in t) + " }"


def write_policy_thresholds(path: Path, thresholds: dict[str, dict[str, float]],
                            text_unsafe: dict[str, float]) -> None:
    """Rewrite the trained labels' lines in ``path``; every line must already exist."""
    text = path.read_text()
    head, sep, rest = text.partition(_CONTEXT_HEADER)
    if not sep:
        raise ValueError(f"{path}: no '{_CONTEXT_HEADER}' section")
    for label, t in thresholds.items():
        head, n = re.subn(rf"^{re.escape(label)} = \{{[^}}]*\}}$", f"{label} = {_inline(t)}",
                          head, count=1, flags=re.M)
        if n != 1:
            raise ValueError(f"{path}: no '{label} = {{...}}' line under [thresholds]")
    rest, n = re.subn(r"(\[context_thresholds\.prompt\.text\]\n)unsafe = \{[^}]*\}",
                      lambda m: m.group(1) + f"unsafe = {_inline(text_unsafe, ('review', 'block'))}", rest, count=1)
    if n != 1:
        raise ValueError(f"{path}: no unsafe line in [context_thresholds.prompt.text]")
    path.write_text(head + sep + rest)
