"""Output quality: prompt-adherence scoring and regenerate-until-good.

Images from the shapes vocabulary are scored by a small classifier the project trains
itself (``zoo/train_adherence.py``, weights in ``zoo/weights/shapes-adherence/``): the
probability it gives to the colour+shape class the generation was conditioned on (the
``condition.label`` the backend records). Prompts with no class (condition label None, or
a label outside the classifier's classes, or a model that records no condition) get
``None``: no scorer applies. A video with a condition scores the mean of that probability
over a few frames decoded from its MP4. Text is scored by the model's own confidence:
``exp(mean_logprob)`` of the generated tokens (the geometric-mean token probability).

Audio is scored against the musical facts the prompt asked for (``metadata.condition``:
key, mode, tempo, as ``backends/audio_common.parse_music_prompt`` reads them): key
(Krumhansl key profiles over a pitch-class profile) and tempo (onset autocorrelation) are
*measured* from the delivered, decoded waveform by ``backends/audio_analysis`` and scored by
``audio_analysis.adherence`` (0..1); prompts asking none of them get ``None``.

``generate_with_quality`` regenerates items scoring below the registry's
``quality.min_score`` with a derived seed, at most ``quality.max_attempts`` attempts in
all, keeps the best attempt, and records ``quality``, ``attempts`` and ``quality_passed``
in the metadata (``seed`` is the seed actually used; ``requested_seed`` the one asked for).
"""

from __future__ import annotations

import io
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

import torch
from diffusers.configuration_utils import ConfigMixin, register_to_config
from diffusers.models.modeling_utils import ModelMixin
from PIL import Image
from torch import nn

from generation.types import GeneratedItem, GenerationHooks, GenerationRequest, ModelSpec

ADHERENCE_WEIGHTS = Path(__file__).with_name("zoo") / "weights" / "shapes-adherence"
SEED_STRIDE = 1_000_003  # derived seed of attempt k: seed + k * SEED_STRIDE (mod 2**63)


class ShapeAdherenceClassifier(ModelMixin, ConfigMixin):
    """Tiny CNN: 32x32 RGB in [-1, 1] -> logits over the shapes classes."""

    config_name = "config.json"

    @register_to_config
    def __init__(self, num_classes: int = 24, channels: tuple[int, ...] = (16, 32, 64), image_size: int = 32) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        c_in = 3
        for c in channels:
            layers += [
                nn.Conv2d(c_in, c, 3, 1, 1),
                nn.BatchNorm2d(c),
                nn.ReLU(True),
                nn.Conv2d(c, c, 3, 1, 1),
                nn.BatchNorm2d(c),
                nn.ReLU(True),
                nn.MaxPool2d(2),
            ]
            c_in = c
        self.features = nn.Sequential(*layers)
        self.head = nn.Linear(c_in * 2, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.features(x)
        return self.head(torch.cat([h.mean(dim=(2, 3)), h.amax(dim=(2, 3))], dim=1))


def image_tensor(img: Image.Image, size: int = 32) -> torch.Tensor:
    """PIL image -> [1, 3, size, size] in [-1, 1] (box-downscaled, like the training data)."""
    img = img.convert("RGB")
    if img.size != (size, size):
        img = img.resize((size, size), Image.Resampling.BOX)
    t = torch.frombuffer(bytearray(img.tobytes()), dtype=torch.uint8).view(size, size, 3)
    return t.permute(2, 0, 1).float().div(127.5).sub(1).unsqueeze(0)


class AdherenceScorer:
    """Loaded classifier + its class names; ``probabilities(images)`` -> [n, classes]."""

    def __init__(self, path: Path = ADHERENCE_WEIGHTS) -> None:
        import json

        self.model = ShapeAdherenceClassifier.from_pretrained(path, local_files_only=True).eval()
        self.classes: list[str] = json.loads((Path(path) / "labels.json").read_text())["classes"]
        self.index = {c: i for i, c in enumerate(self.classes)}

    @torch.inference_mode()
    def probabilities(self, images: list[Image.Image]) -> torch.Tensor:
        size = int(self.model.config.image_size)
        x = torch.cat([image_tensor(im, size) for im in images])
        return self.model(x).softmax(-1)

    def score(self, images: list[Image.Image], labels: list[str]) -> list[float]:
        probs = self.probabilities(images)
        return [float(probs[i, self.index[lab]]) for i, lab in enumerate(labels)]


@lru_cache(maxsize=4)
def get_scorer(path: str = str(ADHERENCE_WEIGHTS)) -> AdherenceScorer:
    return AdherenceScorer(Path(path))


def _condition_label(item: GeneratedItem) -> str | None:
    """The class the prompt asked for; None when the prompt named none (a drawn class is not a request)."""
    cond = item.metadata.get("condition")
    if not isinstance(cond, dict) or cond.get("match") == "none":
        return None
    return cond.get("label")


def score_quality(spec: ModelSpec, request: GenerationRequest, item: GeneratedItem) -> float | None:
    """0..1 quality of one item, or None when no scorer applies."""
    if item.mime.startswith("text/"):
        lp = item.metadata.get("mean_logprob")
        return None if lp is None else float(math.exp(lp))
    if item.mime.startswith("image/"):
        label = _condition_label(item)
        if label is None:
            return None
        scorer = get_scorer()
        if label not in scorer.index:
            return None
        return scorer.score([Image.open(io.BytesIO(item.data))], [label])[0]
    if item.mime.startswith("video/"):
        label = _condition_label(item)
        if label is None or label not in get_scorer().index:
            return None
        frames = _video_frames(item)
        return sum(get_scorer().score(frames, [label] * len(frames))) / len(frames)
    if item.mime.startswith("audio/"):
        return audio_score(item)
    return None


def audio_score(item: GeneratedItem) -> float | None:
    """Key/tempo adherence of an audio item, measured from its decoded waveform; None if nothing was asked."""
    from generation.backends.audio_analysis import adherence, analyze
    from generation.codecs.audio import decode_audio

    asked = item.metadata.get("condition")
    if not isinstance(asked, dict) or not any(asked.get(k) for k in ("key", "mode", "tempo")):
        return None
    pcm, rate = decode_audio(item.data)
    if not len(pcm):
        return 0.0
    result = adherence(analyze(pcm, rate), asked)
    return None if result is None else result["score"]


VIDEO_SCORED_FRAMES = 4  # evenly spaced decoded frames (first and last included) whose mean score is the video's


def _video_frames(item: GeneratedItem) -> list[Image.Image]:
    """Decode a few frames of the delivered MP4 (what the viewer sees, after encoding) for the image scorer."""
    from generation.codecs.video import decode_mp4, probe_mp4

    total = int(item.metadata.get("num_frames") or probe_mp4(item.data)["frames"] or 1)
    k = max(1, min(VIDEO_SCORED_FRAMES, total))
    indices = sorted({round(i * (total - 1) / max(k - 1, 1)) for i in range(k)})
    frames, _ = decode_mp4(item.data, indices)
    return [Image.fromarray(f) for f in frames]


def _scores(spec: ModelSpec, reqs: list[GenerationRequest], items: list[GeneratedItem]) -> list[float | None]:
    """Batch the classifier over image items (one forward pass), per-item for the rest."""
    out: list[float | None] = [None] * len(items)
    batch: list[int] = []
    for i, (r, it) in enumerate(zip(reqs, items, strict=True)):
        if it.mime.startswith("image/"):
            label = _condition_label(it)
            if label is not None and label in get_scorer().index:
                batch.append(i)
        else:
            out[i] = score_quality(spec, r, it)
    if batch:
        scorer = get_scorer()
        vals = scorer.score(
            [Image.open(io.BytesIO(items[i].data)) for i in batch], [_condition_label(items[i]) for i in batch]
        )
        for i, v in zip(batch, vals, strict=True):
            out[i] = v
    return out


def quality_settings(spec: ModelSpec) -> tuple[float | None, int]:
    q = getattr(spec, "quality", None) or {}
    return q.get("min_score"), int(q.get("max_attempts", 1))


def derived_seed(seed: int, attempt: int) -> int:
    return (int(seed) + attempt * SEED_STRIDE) % (2**63)


def generate_with_quality(
    backend: Any, requests: list[GenerationRequest], hooks: GenerationHooks | None = None
) -> list[GeneratedItem]:
    """Generate, score, regenerate the items below ``min_score`` with derived seeds; keep the best."""
    spec: ModelSpec = backend.spec
    min_score, max_attempts = quality_settings(spec)
    best: list[tuple[float | None, GeneratedItem, int] | None] = [None] * len(requests)
    pending = list(range(len(requests)))
    made = [0] * len(requests)
    for attempt in range(max(1, max_attempts)):
        if not pending:
            break
        reqs = [
            GenerationRequest(requests[i].prompt, requests[i].params, derived_seed(requests[i].seed, attempt))
            for i in pending
        ]
        items = backend.generate(reqs, hooks)
        scores = _scores(spec, reqs, items)
        still = []
        for i, item, score in zip(pending, items, scores, strict=True):
            made[i] = attempt + 1
            prev = best[i]
            if prev is None or (score is not None and (prev[0] is None or score > prev[0])):
                best[i] = (score, item, attempt + 1)
            if min_score is not None and score is not None and score < min_score:
                still.append(i)
        pending = still
    out = []
    for i, b in enumerate(best):
        assert b is not None
        score, item, best_attempt = b
        meta = {
            **item.metadata,
            "requested_seed": int(requests[i].seed),
            "quality": None if score is None else round(score, 4),
            "quality_scorer": _scorer_name(item, score),
            "attempts": made[i],
            "best_attempt": best_attempt,
            "quality_passed": None if (score is None or min_score is None) else score >= min_score,
        }
        out.append(GeneratedItem(item.data, item.mime, meta))
    return out


def _scorer_name(item: GeneratedItem, score: float | None) -> str | None:
    if score is None:
        return None
    if item.mime.startswith("audio/"):
        return "music-key-tempo"
    return "token-confidence" if item.mime.startswith("text/") else "shapes-adherence"
