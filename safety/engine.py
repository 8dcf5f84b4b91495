"""SafetyEngine: the one object a worker holds to judge prompts and outputs."""

from __future__ import annotations

import concurrent.futures as cf
import inspect
import time
import traceback
from collections.abc import Sequence
from typing import Any

from safety.errors import ScannerLoadError
from safety.policy import Policy
from safety.results import Scan, Verdict
from safety.scanners import (
    ClipConceptScanner,
    DepictionScanner,
    FaceScanner,
    LlamaGuardScanner,
    NudityImageScanner,
    ProfanityScanner,
    RuleScanner,
    Scanner,
    SpeechScanner,
    TextClassifierScanner,
)

# Optional model-backed scanners are configured by path (environment or arguments); they
# are only added when configured. A configured path that does not exist still adds the
# scanner, whose scans then fail with status "error" (fail closed if the policy needs it).
ENV_CLIP_WEIGHTS = "SAFETY_CLIP_WEIGHTS"        # open_clip checkpoint file
ENV_CLIP_MODEL = "SAFETY_CLIP_MODEL"            # open_clip architecture (ViT-B-32)
ENV_CLIP_CONCEPTS = "SAFETY_CLIP_CONCEPTS"      # optional concepts JSON
ENV_LLAMA_GUARD = "SAFETY_LLAMA_GUARD_PATH"     # local transformers model directory


def default_scanners(device: str | None = None, clip_weights: str | None = None,
                     llama_guard_path: str | None = None) -> list[Scanner]:
    """The built-in scanners: text classifier, rules, depiction rules, profanity, image
    nudity, faces, speech; plus CLIP concepts / Llama Guard when their weights are configured."""
    import os

    scanners: list[Scanner] = [TextClassifierScanner(device=device), RuleScanner(),
                               DepictionScanner(), ProfanityScanner(),
                               NudityImageScanner(), FaceScanner(), SpeechScanner()]
    clip = clip_weights or os.environ.get(ENV_CLIP_WEIGHTS)
    if clip:
        scanners.append(ClipConceptScanner(
            weights=clip, model_name=os.environ.get(ENV_CLIP_MODEL, "ViT-B-32"),
            concepts=os.environ.get(ENV_CLIP_CONCEPTS) or None))
    guard = llama_guard_path or os.environ.get(ENV_LLAMA_GUARD)
    if guard:
        scanners.append(LlamaGuardScanner(guard, device=device or "cpu"))
    return scanners


def modality_of(mime: str) -> str:
    """"image/png" -> "image"; "text/plain; charset=utf-8" -> "text"; junk -> "unknown"."""
    major = (mime or "").split(";", 1)[0].strip().lower().split("/", 1)[0]
    return major or "unknown"


class SafetyEngine:
    """Holds scanners (models loaded once, lazily or via :meth:`warm_up`) and a policy.

    Thread-safe for concurrent scans once loaded. Scanners never raise; a scanner that
    does anyway is recorded as ``status="error"`` and the policy fails closed.

    ``scanner_timeout_s`` is each scanner's time budget for one scan (a loaded scanner; a
    first scan that still has to load its model gets ``load_timeout_s``). A scan over
    budget is recorded as ``status="error"`` with ``details["error"] == "timeout"``, so a
    required scanner that hangs blocks instead of stalling the request. ``None`` runs
    scanners inline with no budget (cheapest; for batch evaluation).
    """

    def __init__(self, policy: Policy, device: str | None = None,
                 scanners: Sequence[Scanner] | None = None,
                 scanner_timeout_s: float | None = 30.0, load_timeout_s: float = 300.0,
                 video_frames: int = 8):
        self.policy = policy
        self.video_frames = video_frames
        self.device = device
        items = list(scanners) if scanners is not None else default_scanners(device)
        self.scanners: dict[str, Scanner] = {s.name: s for s in items}
        self.scanner_timeout_s = scanner_timeout_s
        self.load_timeout_s = load_timeout_s
        self._pool: cf.ThreadPoolExecutor | None = None

    def warm_up(self) -> None:
        """Load every model now; raises ScannerLoadError naming the ones that failed."""
        failures: dict[str, str] = {}
        for name, scanner in self.scanners.items():
            try:
                scanner.load()
            except Exception as exc:
                failures[name] = f"{type(exc).__name__}: {exc}"
        if failures:
            raise ScannerLoadError(failures)

    def _executor(self) -> cf.ThreadPoolExecutor:
        if self._pool is None:
            self._pool = cf.ThreadPoolExecutor(max_workers=max(4, 4 * len(self.scanners)),
                                               thread_name_prefix="safety-scan")
        return self._pool

    @staticmethod
    def _call(scanner: Scanner, content: Any, context: dict[str, Any]) -> Scan:
        try:
            if "context" in inspect.signature(scanner.scan).parameters:
                return scanner.scan(content, context=context)
            return scanner.scan(content)  # third-party scanner with the old signature
        except Exception as exc:
            return Scan(scanner.name, getattr(scanner, "version", "unknown"), "error", {},
                        {"error": f"{type(exc).__name__}: {exc}",
                         "traceback": traceback.format_exc(limit=3)}, 0.0)

    def _run(self, modality: str, content: Any, context: dict[str, Any] | None = None,
             exclude: Sequence[str] = (), only: str | None = None) -> list[Scan]:
        """One Scan per scanner (skipped where the modality does not match), each under the
        time budget; ``exclude`` leaves scanners out, ``only`` runs just the one named."""
        context = dict(context or {})
        scans: list[Scan | None] = []
        pending: list[tuple[int, Scanner, cf.Future[Scan], float, float]] = []
        for scanner in self.scanners.values():
            if scanner.name in exclude or (only is not None and scanner.name != only):
                continue
            if scanner.modality != modality:
                scans.append(scanner.skipped(f"does not apply to {modality} content"))
                continue
            if self.scanner_timeout_s is None:
                scans.append(self._call(scanner, content, context))
                continue
            budget = (self.scanner_timeout_s if getattr(scanner, "loaded", True)
                      else self.load_timeout_s)
            start = time.perf_counter()
            fut = self._executor().submit(self._call, scanner, content, context)
            pending.append((len(scans), scanner, fut, start, budget))
            scans.append(None)
        for idx, scanner, fut, start, budget in pending:
            left = budget - (time.perf_counter() - start)
            try:
                scans[idx] = fut.result(timeout=max(0.0, left))
            except cf.TimeoutError:
                fut.cancel()
                version = getattr(scanner, "_safe_version", lambda: "unknown")()
                scans[idx] = Scan(scanner.name, version, "error", {},
                                  {"error": "timeout", "budget_s": budget},
                                  (time.perf_counter() - start) * 1000.0)
        return [s for s in scans if s is not None]

    def scan_prompt(self, text: str, modality: str = "image",
                    policy: Policy | None = None) -> Verdict:
        """Judge a prompt for a generation of ``modality`` (image, text, audio, video).
        ``policy`` overrides the engine's policy for this call (per-API-key versions)."""
        context = {"stage": "prompt", "modality": modality}
        policy = policy or self.policy
        return self._decide_text(policy, text or "", context, "prompt", modality,
                                 drop_skipped=True)

    def scan_output(self, data: bytes | str, mime: str, context: dict[str, Any] | None = None,
                    policy: Policy | None = None) -> Verdict:
        """Judge generated content: text/* -> text scanners, image/* -> image scanners,
        video/* -> image scanners on ``video_frames`` sampled frames (worst frame counts),
        audio/* -> audio scanners, then the text scanners on the speech transcript; other
        modalities run the scanners made for them, if any, and the policy decides.

        ``context`` (optional, e.g. ``{"prompt": "..."}``) is handed to scanners that use
        it (the face scanner's deepfake check needs the prompt). ``policy`` overrides the
        engine's policy for this call."""
        modality = modality_of(mime)
        content: Any = data
        if modality == "text" and isinstance(data, bytes | bytearray):
            content = bytes(data).decode("utf-8", errors="replace")
        ctx = {**(context or {}), "stage": "output", "modality": modality, "mime": mime}
        if modality == "video":
            scans = self._run_video(data, ctx)
        elif modality == "audio":
            # A second opinion reads text it is asked about, never a whole transcript pass.
            so = (policy or self.policy).second_opinion
            scans = self._run_audio(data, ctx, exclude=(so.scanner,) if so else ())
        elif modality == "text":
            return self._decide_text(policy or self.policy, content, ctx, "output", modality)
        else:
            scans = self._run(modality, content, ctx)
        return (policy or self.policy).decide(scans, "output", modality)

    def _decide_text(self, policy: Policy, text: Any, context: dict[str, Any], stage: str,
                     modality: str, drop_skipped: bool = False) -> Verdict:
        """Run the text scanners and decide; then, when the policy's second opinion could
        clear the verdict, run that scanner (only then: it is the costly one) and decide
        again. A second opinion that is not installed leaves the first verdict standing."""
        second = policy.second_opinion.scanner if policy.second_opinion else None
        scans = self._run("text", text, context, exclude=(second,) if second else ())
        if drop_skipped:
            scans = [s for s in scans if s.status != "skipped"]
        if second in self.scanners and policy.wants_second_opinion(scans, stage, modality):
            scans += self._run("text", text, context, only=second)
        return policy.decide(scans, stage, modality)

    def _run_audio(self, data: bytes | str, context: dict[str, Any],
                   exclude: Sequence[str] = ()) -> list[Scan]:
        """Audio scanners, then every text scanner on the speech scanner's transcript.

        The text scans carry ``details["source"] == "speech transcript"``. When the speech
        scanner failed there is nothing to read, so each text scan is an error (the policy
        then fails closed); with no speech scanner configured they are skipped."""
        audio_scans = self._run("audio", data, context, exclude=exclude)
        speech = next((s for s in audio_scans if s.scanner == SpeechScanner.name), None)
        text_scanners = {s.name: s for s in self.scanners.values()
                         if s.modality == "text" and s.name not in exclude}
        if speech is None or speech.status == "skipped":
            text_scans = [s.skipped("no speech transcript: no speech scanner is configured")
                          for s in text_scanners.values()]
        elif speech.status != "scanned":
            text_scans = [Scan(s.name, s._safe_version(), "error", {},
                               {"error": "no speech transcript: the speech scanner failed"}, 0.0)
                          for s in text_scanners.values()]
        else:
            transcript = str(speech.details.get("transcript") or "")
            text_scans = [s for s in self._run("text", transcript, {**context, "source": "transcript"},
                                               exclude=exclude)
                          if s.scanner in text_scanners]
            # Without detected speech the words are what the recogniser made of music or noise
            # (or a short phrase): still read, but they can hold the audio, never block it.
            capped = {} if speech.details.get("speech_detected") else {
                "at_most": "review", "at_most_why": "words heard in audio without detected speech"}
            for scan in text_scans:
                scan.details = {**scan.details, "source": "speech transcript", **capped}
        replaced = {s.scanner for s in text_scans}
        return [s for s in audio_scans if s.scanner not in replaced] + text_scans

    def _run_video(self, data: bytes | str, context: dict[str, Any]) -> list[Scan]:
        """Image scanners on sampled frames, one combined Scan each (see safety.video)."""
        from safety.video import UndecodableVideo, combine_frame_scans, sample_frames

        image_scanners = [s for s in self.scanners.values() if s.modality == "image"]
        others = [s.skipped("does not apply to video content") for s in self.scanners.values()
                  if s.modality != "image"]
        try:
            frames, indices, total = sample_frames(bytes(data) if not isinstance(data, str) else b"",
                                                   self.video_frames)
        except UndecodableVideo as exc:
            return [Scan(s.name, s._safe_version(), "error", {}, {"error": str(exc)}, 0.0)
                    for s in image_scanners] + others
        per_frame = [self._run("image", frame, {**context, "frame": i}) for frame, i in zip(frames, indices,
                                                                                           strict=True)]
        combined = []
        for k, scanner in enumerate(self.scanners.values()):
            if scanner.modality != "image":
                continue
            scans = [frame_scans[k] for frame_scans in per_frame]
            combined.append(combine_frame_scans(scanner.name, scans[0].version, scans, indices, total))
        return combined + others

    def close(self) -> None:
        """Stop the worker threads (optional; idle threads cost nothing)."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
