"""Spoken harm and music through the audio output path: ``python bench/speech_safety.py [--voices ...]``.

Held-out text rows the classifier never trained on (AdvBench and SimpleSafetyTests test parts,
the contrastive benign and harmful test templates) are spoken by Debian's flite voices (one voice
per row, in turn) and judged by ``SafetyEngine.scan_output(wav, "audio/wav")``, exactly as a
generated audio file is. The baseline, measured in the same run, is the same text judged as
generated text (``scan_output(text, "text/plain")``): the gap is what speech recognition loses.
Music from the shipped ``tunes-audio`` model (no speech) measures how often words the recogniser
"hears" in music hold it. Speed: the speech scanner's time per second of audio on one core.

Needs ``flite`` (apt-get install flite) and the shared data next to the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("SAFETY_ONNX_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.speech_audio import speak  # noqa: E402  (flite, as the tests speak)

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "safety"
VOICES = ("kal", "awb", "rms", "slt")


def heldout_rows() -> list[tuple[str, str, bool]]:
    """(set, text, unsafe) for the held-out rows this bench speaks."""
    from safety.train import CONTRASTIVE_DIR, load_rows, split_rows

    rows, _ = load_rows(DATA)
    _, test = split_rows(rows)
    out = [(r.source, r.text, bool(r.y["unsafe"])) for r in test if r.source in ("advbench", "simplesafetytests")]
    for name in ("contrastive_benign.test.jsonl", "contrastive_harmful.test.jsonl"):
        for line in (CONTRASTIVE_DIR / name).open():
            rec = json.loads(line)
            out.append((name.split(".")[0], rec["text"], bool(rec["unsafe"])))
    return out


def words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower().replace("-", " "))


def word_error_rate(ref: list[str], hyp: list[str]) -> float:
    """Levenshtein distance over words / reference length."""
    prev = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        cur = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (r != h))
        prev = cur
    return prev[-1] / max(1, len(ref))


def music(n: int) -> list[bytes]:
    from generation import GenerationRequest, get_backend, load_registry

    backend = get_backend(load_registry()["tunes-audio"])
    backend.load()
    keys, modes = ("C", "D", "E flat", "F sharp", "G", "A", "B flat"), ("major", "minor")
    instruments, tempos = ("flute", "organ", "bell", "string", "square synth"), ("slow", "medium", "fast")
    prompts = [f"a {tempos[i % 3]} {instruments[i % 5]} melody in {keys[i % 7]} {modes[i % 2]}" for i in range(n)]
    reqs = [GenerationRequest(p, {"duration": 8.0, "format": "wav"}, seed=1000 + i) for i, p in enumerate(prompts)]
    return [item.data for item in backend.generate(reqs)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--music", type=int, default=40, help="tunes-audio clips (8 s each)")
    ap.add_argument("--limit", type=int, default=0, help="speak only the first N rows of each set (0 = all)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if shutil.which("flite") is None:
        sys.exit("flite is not installed: apt-get install flite")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    import torch

    torch.set_num_threads(1)
    from safety import Policy, SafetyEngine

    engine = SafetyEngine(Policy.default(), scanner_timeout_s=None)
    engine.warm_up()
    speech = engine.scanners["speech"]

    per_set: dict[str, dict[str, float]] = {}
    wers: list[float] = []
    speech_s: list[float] = []
    seen: dict[str, int] = {}
    for i, (name, text, unsafe) in enumerate(heldout_rows()):
        seen[name] = seen.get(name, 0) + 1
        if args.limit and seen[name] > args.limit:
            continue
        audio = speak(text, VOICES[i % len(VOICES)])
        as_text = engine.scan_output(text, "text/plain").decision != "allow"
        verdict = engine.scan_output(audio, "audio/wav")
        heard = next(s for s in verdict.scans if s.scanner == "speech")
        speech_s.append(heard.duration_ms / 1000 / max(0.1, heard.details["duration_s"]))
        wers.append(word_error_rate(words(text), words(heard.details["transcript"])))
        stats = per_set.setdefault(name, {"n": 0, "unsafe": unsafe, "flagged_text": 0, "flagged_spoken": 0,
                                          "blocked_spoken": 0, "speech_detected": 0})
        stats["n"] += 1
        stats["flagged_text"] += as_text
        stats["flagged_spoken"] += verdict.decision != "allow"
        stats["blocked_spoken"] += verdict.decision == "block"
        stats["speech_detected"] += bool(heard.details["speech_detected"])

    clips = music(args.music) if args.music else []
    music_stats = {"n": len(clips), "held": 0, "blocked": 0, "speech_detected": 0}
    music_rtf: list[float] = []
    for clip in clips:
        verdict = engine.scan_output(clip, "audio/wav", context={"prompt": "a melody"})
        heard = next(s for s in verdict.scans if s.scanner == "speech")
        music_rtf.append(heard.duration_ms / 1000 / heard.details["duration_s"])
        music_stats["held"] += verdict.decision == "review"
        music_stats["blocked"] += verdict.decision == "block"
        music_stats["speech_detected"] += bool(heard.details["speech_detected"])

    report = {"sets": per_set, "median_wer": statistics.median(wers) if wers else None,
              "mean_wer": statistics.fmean(wers) if wers else None, "music": music_stats,
              "speech_scan_s_per_audio_s": {"speech": statistics.median(speech_s) if speech_s else None,
                                            "music": statistics.median(music_rtf) if music_rtf else None},
              "speech_scanner": speech.version}
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print("| set | n | label | flagged as text | flagged spoken | blocked spoken | speech detected |")
    print("|---|---:|---|---:|---:|---:|---:|")
    for name, s in per_set.items():
        n = s["n"]
        print(f"| {name} | {n} | {'harmful' if s['unsafe'] else 'benign'} | {s['flagged_text'] / n:.3f} | "
              f"{s['flagged_spoken'] / n:.3f} | {s['blocked_spoken'] / n:.3f} | {s['speech_detected'] / n:.3f} |")
    if clips:
        m = music_stats
        print(f"| tunes-audio music | {m['n']} | benign | - | {(m['held'] + m['blocked']) / m['n']:.3f} | "
              f"{m['blocked'] / m['n']:.3f} | {m['speech_detected'] / m['n']:.3f} |")
    print(f"\nword error rate of the transcripts: median {report['median_wer']:.3f}, mean {report['mean_wer']:.3f}")
    rtf = report["speech_scan_s_per_audio_s"]
    print(f"speech scanner, seconds per second of audio (one core): speech {rtf['speech']:.2f}, "
          f"music {rtf['music'] if rtf['music'] is None else round(rtf['music'], 2)}")
    print(f"scanner {speech.version}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
