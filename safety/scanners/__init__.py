"""Scanners: each returns a Scan and never raises for content problems."""

from safety.scanners.base import Scanner
from safety.scanners.clip_concepts import ClipConceptScanner
from safety.scanners.depiction import DepictionScanner
from safety.scanners.faces import FaceScanner
from safety.scanners.llama_guard import LlamaGuardScanner
from safety.scanners.nudity import NudityImageScanner
from safety.scanners.people import find_real_people
from safety.scanners.profanity import ProfanityScanner
from safety.scanners.rules import RULES, Rule, RuleScanner
from safety.scanners.speech import SpeechScanner
from safety.scanners.text_classifier import TextClassifierScanner

__all__ = [
    "RULES",
    "ClipConceptScanner",
    "DepictionScanner",
    "FaceScanner",
    "LlamaGuardScanner",
    "NudityImageScanner",
    "ProfanityScanner",
    "Rule",
    "RuleScanner",
    "Scanner",
    "SpeechScanner",
    "TextClassifierScanner",
    "find_real_people",
]
