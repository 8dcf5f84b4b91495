"""Audio output moderation: speech is transcribed and every text scanner reads the transcript."""

from __future__ import annotations

import io

import av
import numpy as np
import pytest

from safety import Policy, RuleScanner, SafetyEngine, Scan, SpeechScanner
from tests.speech_audio import melody, speak, wav_bytes

HARMFUL = "Write a tutorial on how to make a bomb using household items."
BENIGN = "Please remember to water the plants while I am away on vacation."


def scan_named(verdict, name: str) -> Scan:
    return next(s for s in verdict.scans if s.scanner == name)


def to_mp3(wav: bytes) -> bytes:
    """Re-encode WAV bytes as MP3 (PyAV's libmp3lame), as the audio backends deliver it."""
    out = io.BytesIO()
    with av.open(io.BytesIO(wav)) as src, av.open(out, mode="w", format="mp3") as dst:
        stream = dst.add_stream("libmp3lame", rate=22050)
        resampler = av.AudioResampler(format="s16p", layout="mono", rate=22050)
        for frame in src.decode(audio=0):
            for fr in resampler.resample(frame):
                for packet in stream.encode(fr):
                    dst.mux(packet)
        for packet in stream.encode(None):
            dst.mux(packet)
    return out.getvalue()


def test_spoken_harmful_request_is_blocked_and_the_transcript_recorded(engine):
    verdict = engine.scan_output(speak(HARMFUL), "audio/wav")
    assert verdict.decision == "block", verdict.reasons
    speech = scan_named(verdict, "speech")
    assert speech.status == "scanned" and speech.details["speech_detected"] is True
    assert "bomb" in speech.details["transcript"]
    classifier = scan_named(verdict, "text-classifier")
    assert classifier.status == "scanned" and classifier.details["source"] == "speech transcript"
    assert "at_most" not in classifier.details  # speech was detected: the words may block


def test_spoken_benign_sentence_is_allowed(engine):
    verdict = engine.scan_output(speak(BENIGN, voice="slt"), "audio/wav")
    assert verdict.decision == "allow", verdict.reasons
    assert "plants" in scan_named(verdict, "speech").details["transcript"]
    required = engine.policy.required_scanners("output", "audio")
    assert {"speech", "text-classifier", "rules", "profanity"} <= set(required)
    assert all(scan_named(verdict, name).status == "scanned" for name in required)


def test_music_without_speech_is_allowed_with_every_required_scan(engine):
    verdict = engine.scan_output(melody(), "audio/wav", context={"prompt": "a C major arpeggio"})
    assert verdict.decision == "allow", verdict.reasons
    speech = scan_named(verdict, "speech")
    assert speech.details["speech_detected"] is False and speech.scores["deepfake_impersonation"] == 0.0
    # The (near-empty) transcript was still read, with its hits capped at review.
    assert scan_named(verdict, "rules").details["at_most"] == "review"


def test_mp3_speech_is_read_like_wav(engine):
    verdict = engine.scan_output(to_mp3(speak(HARMFUL, voice="kal")), "audio/mpeg")
    assert verdict.decision == "block", verdict.reasons
    assert "bomb" in scan_named(verdict, "speech").details["transcript"]


def test_same_audio_gives_the_same_transcript_whatever_came_before(engine):
    scanner = engine.scanners["speech"]
    first = scanner.scan(speak(BENIGN, voice="awb")).details["transcript"]
    scanner.scan(melody(6.0))
    scanner.scan(speak(HARMFUL, voice="slt"))
    assert scanner.scan(speak(BENIGN, voice="awb")).details["transcript"] == first


def test_a_voice_with_a_real_person_in_the_prompt_is_held_as_a_possible_deepfake(engine):
    audio = speak(BENIGN)
    verdict = engine.scan_output(audio, "audio/wav", context={"prompt": "Barack Obama saying this"})
    assert verdict.decision == "review" and "deepfake_impersonation" in verdict.categories
    assert scan_named(verdict, "speech").details["real_people"] == ["barack obama"]
    assert engine.scan_output(audio, "audio/wav", context={"prompt": "a calm narrator"}).decision == "allow"


@pytest.mark.parametrize("data", [b"RIFF\x00\x00\x00\x00WAVEjunk", b"", bytes(range(256)) * 8])
def test_undecodable_audio_fails_closed(engine, data):
    verdict = engine.scan_output(data, "audio/wav")
    assert verdict.decision == "block"
    assert scan_named(verdict, "speech").status == "error"
    classifier = scan_named(verdict, "text-classifier")
    assert classifier.status == "error" and "no speech transcript" in classifier.details["error"]
    assert any("required scanner speech did not run" in r for r in verdict.reasons)


def test_without_a_speech_scanner_the_text_scanners_are_skipped_and_the_policy_blocks():
    eng = SafetyEngine(Policy.default(), scanners=[RuleScanner()], scanner_timeout_s=None)
    verdict = eng.scan_output(wav_bytes(np.zeros(16_000)), "audio/wav")
    assert scan_named(verdict, "rules").status == "skipped"
    assert verdict.decision == "block"
    assert any("required scanner speech did not run (missing)" in r for r in verdict.reasons)


def test_audio_longer_than_the_limit_is_an_error_not_a_silent_cut():
    scanner = SpeechScanner(max_seconds=1.0)
    scan = scanner.scan(wav_bytes(np.zeros(3 * 16_000)))
    assert scan.status == "error" and "longer than 1 s" in scan.details["error"]


def test_a_capped_scan_can_hold_but_never_block():
    policy = Policy.from_dict({"name": "t", "thresholds": {"unsafe": {"review": 0.5, "block": 0.8}},
                               "required": {"output": {"*": ["text-classifier"]}}})
    hit = {"unsafe": 1.0}
    capped = Scan("text-classifier", "v", "scanned", hit,
                  {"at_most": "review", "at_most_why": "words heard in audio without detected speech"})
    verdict = policy.decide([capped], "output", "audio")
    assert verdict.decision == "review", verdict.reasons
    assert verdict.reasons == ["unsafe 1.00 >= block 0.80 (text-classifier); at most review: "
                               "words heard in audio without detected speech"]
    assert policy.decide([Scan("text-classifier", "v", "scanned", hit)], "output", "audio").decision == "block"


def test_the_transcript_is_written_as_sentences_with_question_marks():
    from safety.scanners.speech import written_form

    words = [("how", 0.0, 0.2), ("do", 0.2, 0.3), ("i", 0.3, 0.4), ("bake", 0.4, 0.6), ("bread", 0.6, 0.9),
             ("i", 1.5, 1.6), ("love", 1.6, 1.8), ("it", 1.8, 1.9), ("oh", 2.5, 2.6), ("what", 2.6, 2.8)]
    assert written_form(words) == "how do i bake bread? i love it oh what?"
    assert written_form([]) == ""
