"""safety: judges prompts and generated content (scanners, taxonomy, policy).

Plain Python; never imports Django, generation/ or provenance/.

    from safety import Policy, SafetyEngine
    engine = SafetyEngine(Policy.default())
    verdict = engine.scan_prompt("a cat on a sofa", modality="image")
"""

from safety.engine import SafetyEngine, default_scanners, modality_of
from safety.errors import PolicyError, SafetyError, ScannerLoadError, WeightsError
from safety.normalize import normalize_text
from safety.policy import DEFAULT_POLICY_PATH, Policy, Threshold
from safety.results import Decision, Scan, ScanStatus, Verdict
from safety.scanners import (
    RULES,
    ClipConceptScanner,
    DepictionScanner,
    FaceScanner,
    LlamaGuardScanner,
    NudityImageScanner,
    ProfanityScanner,
    Rule,
    RuleScanner,
    Scanner,
    SpeechScanner,
    TextClassifierScanner,
    find_real_people,
)
from safety.taxonomy import (
    ALWAYS_BLOCK,
    CATEGORIES,
    EXTERNAL_LABEL_MAP,
    Category,
    map_external,
)

__all__ = [
    "ALWAYS_BLOCK",
    "CATEGORIES",
    "ClipConceptScanner",
    "DepictionScanner",
    "FaceScanner",
    "LlamaGuardScanner",
    "DEFAULT_POLICY_PATH",
    "EXTERNAL_LABEL_MAP",
    "RULES",
    "Category",
    "Decision",
    "NudityImageScanner",
    "Policy",
    "PolicyError",
    "ProfanityScanner",
    "Rule",
    "RuleScanner",
    "SafetyEngine",
    "SafetyError",
    "Scan",
    "ScanStatus",
    "Scanner",
    "ScannerLoadError",
    "SpeechScanner",
    "TextClassifierScanner",
    "Threshold",
    "Verdict",
    "WeightsError",
    "default_scanners",
    "evaluate_files",
    "find_real_people",
    "map_external",
    "modality_of",
    "normalize_text",
]


def __getattr__(name: str):  # lazy: ``python -m safety.evaluate`` must not pre-import it
    if name == "evaluate_files":
        from safety.evaluate import evaluate_files

        return evaluate_files
    raise AttributeError(f"module 'safety' has no attribute {name!r}")
