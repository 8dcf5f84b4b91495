"""Scanners: each returns a Scan and never raises for content problems."""

from safety.scanners.base import Scanner
from safety.scanners.nudity import NudityImageScanner
from safety.scanners.profanity import ProfanityScanner
from safety.scanners.rules import RULES, Rule, RuleScanner
from safety.scanners.text_classifier import TextClassifierScanner

__all__ = [
    "RULES",
    "NudityImageScanner",
    "ProfanityScanner",
    "Rule",
    "RuleScanner",
    "Scanner",
    "TextClassifierScanner",
]
