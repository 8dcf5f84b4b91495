"""The harm taxonomy every scanner and policy speaks.

Category ids are stable strings stored in verdicts and audit records, so they never
change once released. MLCommons hazards (as used by Llama Guard 3) keep their S-number as
a prefix ("S1_violent_crimes") so they sort and read like the upstream list; the
generative-media and scanner-level categories use plain snake_case names.

External label sets (OpenAI moderation, Azure AI Content Safety, AWS Bedrock Guardrails)
are mapped onto these ids in :data:`EXTERNAL_LABEL_MAP` so imported moderation results
and data sets can be compared with our own scores.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Group = Literal["mlcommons", "generative_media", "scanner", "extension", "aggregate"]


@dataclass(frozen=True)
class Category:
    """One harm category: a stable id, where it comes from and what it covers."""

    id: str
    title: str
    group: Group
    description: str
    always_block: bool = False


_CATEGORIES: tuple[Category, ...] = (
    Category("S1_violent_crimes", "Violent crimes", "mlcommons",
             "Enabling, encouraging or endorsing violent crimes: terrorism, murder, assault, "
             "kidnapping, animal abuse, graphic violence."),
    Category("S2_non_violent_crimes", "Non-violent crimes", "mlcommons",
             "Fraud, scams, theft, hacking, drug crimes, weapons crimes, cyber crimes."),
    Category("S3_sex_related_crimes", "Sex-related crimes", "mlcommons",
             "Sex trafficking, sexual assault, sexual harassment, prostitution."),
    Category("S4_child_sexual_exploitation", "Child sexual exploitation", "mlcommons",
             "Content that contains, describes, enables or endorses the sexual abuse of children."),
    Category("S5_defamation", "Defamation", "mlcommons",
             "Verifiably false statements likely to injure a living person's reputation."),
    Category("S6_specialized_advice", "Specialized advice", "mlcommons",
             "Unqualified financial, medical or legal advice presented as authoritative."),
    Category("S7_privacy", "Privacy", "mlcommons",
             "Sensitive non-public personal information (doxxing, addresses, IDs)."),
    Category("S8_intellectual_property", "Intellectual property", "mlcommons",
             "Violating the intellectual property rights of third parties."),
    Category("S9_indiscriminate_weapons", "Indiscriminate weapons", "mlcommons",
             "Chemical, biological, radiological, nuclear and high-yield explosive weapons."),
    Category("S10_hate", "Hate", "mlcommons",
             "Demeaning or dehumanizing people on the basis of protected characteristics."),
    Category("S11_suicide_self_harm", "Suicide and self-harm", "mlcommons",
             "Enabling or encouraging suicide, self-injury or disordered eating."),
    Category("S12_sexual_content", "Sexual content", "mlcommons",
             "Sexually explicit content involving adults."),
    Category("S13_elections", "Elections", "mlcommons",
             "Factually incorrect information about electoral systems and processes."),
    Category("S14_code_interpreter_abuse", "Code interpreter abuse", "mlcommons",
             "Abusing code execution: denial of service, container escapes, privilege escalation."),
    Category("sexual_minors", "Sexual content involving minors", "generative_media",
             "Any sexualised depiction of a minor. Always blocked: no policy threshold can "
             "allow it.",
             always_block=True),
    Category("ncii", "Non-consensual intimate imagery", "generative_media",
             "Intimate or nude depictions of a real person without consent ('undress', 'nudify')."),
    Category("deepfake_impersonation", "Deepfake / impersonation", "generative_media",
             "Realistic media that impersonates a real, identifiable person."),
    Category("election_misinformation", "Election misinformation", "generative_media",
             "Synthetic media that misleads about candidates, voting or election results."),
    Category("graphic_violence", "Graphic violence / gore", "generative_media",
             "Realistic depictions of gore, mutilation, dead or dying people (image prompts "
             "and outputs); fiction and history in text are judged by the S-categories."),
    Category("harassment", "Harassment", "extension",
             "Insults, bullying and threats aimed at an individual (OpenAI 'harassment', "
             "Bedrock 'INSULTS'); not covered by the MLCommons list."),
    Category("prompt_attack", "Prompt attack", "extension",
             "Attempts to switch off the model's instructions or safety rules: jailbreak personas "
             "('DAN', 'developer mode', an AI 'with no restrictions'), 'ignore all previous "
             "instructions', refusal suppression, requests for the system prompt (Bedrock "
             "'PROMPT_ATTACK', Azure Prompt Shields). Not a harm in itself: held for review."),
    Category("profanity", "Profanity", "scanner",
             "Swearing and obscene language, scored by the profanity scanner."),
    Category("nudity", "Nudity", "scanner",
             "Exposed genitalia, breasts, buttocks or anus detected in an image."),
    Category("unsafe", "Unsafe (overall)", "aggregate",
             "The text classifier's overall harmfulness score, over all categories."),
)

CATEGORIES: dict[str, Category] = {c.id: c for c in _CATEGORIES}
"""All categories by id, in taxonomy order."""

ALWAYS_BLOCK: frozenset[str] = frozenset(c.id for c in _CATEGORIES if c.always_block)

# External label -> our category ids. One label may fan out to several categories
# (e.g. OpenAI "sexual/minors" is both S4 and sexual_minors); the mapping is lossy where
# the source taxonomy is coarser than ours and that is written down here, not hidden.
EXTERNAL_LABEL_MAP: dict[str, dict[str, tuple[str, ...]]] = {
    "openai": {
        "sexual": ("S12_sexual_content",),
        "sexual/minors": ("sexual_minors", "S4_child_sexual_exploitation"),
        "hate": ("S10_hate",),
        "hate/threatening": ("S10_hate", "S1_violent_crimes"),
        "harassment": ("harassment",),
        "harassment/threatening": ("harassment", "S1_violent_crimes"),
        "self-harm": ("S11_suicide_self_harm",),
        "self-harm/intent": ("S11_suicide_self_harm",),
        "self-harm/instructions": ("S11_suicide_self_harm",),
        "violence": ("S1_violent_crimes",),
        "violence/graphic": ("S1_violent_crimes", "graphic_violence"),
        "illicit": ("S2_non_violent_crimes",),
        "illicit/violent": ("S1_violent_crimes", "S9_indiscriminate_weapons"),
    },
    # The short flags used in OpenAI's moderation evaluation set (samples-1680).
    "openai_eval_flags": {
        "S": ("S12_sexual_content",),
        "S3": ("sexual_minors", "S4_child_sexual_exploitation"),
        "H": ("S10_hate",),
        "H2": ("S10_hate", "S1_violent_crimes"),
        "HR": ("harassment",),
        "SH": ("S11_suicide_self_harm",),
        "V": ("S1_violent_crimes",),
        "V2": ("S1_violent_crimes", "graphic_violence"),
    },
    "azure": {
        "Hate": ("S10_hate", "harassment"),
        "Sexual": ("S12_sexual_content", "S3_sex_related_crimes"),
        "Violence": ("S1_violent_crimes",),
        "Jailbreak": ("prompt_attack",),              # Prompt Shields: user prompt attack
        "IndirectAttack": ("prompt_attack",),         # Prompt Shields: document attack
        "SelfHarm": ("S11_suicide_self_harm",),
    },
    "bedrock": {
        "HATE": ("S10_hate",),
        "INSULTS": ("harassment", "profanity"),
        "SEXUAL": ("S12_sexual_content",),
        "VIOLENCE": ("S1_violent_crimes",),
        "MISCONDUCT": ("S2_non_violent_crimes",),
        # Jailbreaks and injections: our extension category (the rules scanner reports it).
        "PROMPT_ATTACK": ("prompt_attack",),
    },
    # SimpleSafetyTests harm areas (used to label training data).
    "simplesafetytests": {
        "Suicide, Self-Harm, and Eating Disorders": ("S11_suicide_self_harm",),
        "Physical harm and Violence": ("S1_violent_crimes",),
        "Illegal and Highly Regulated items": ("S2_non_violent_crimes",),
        "Scams and fraud": ("S2_non_violent_crimes",),
        "Child safety": ("S4_child_sexual_exploitation",),
    },
}


def map_external(source: str, label: str) -> tuple[str, ...]:
    """Map one external label to taxonomy ids; unknown labels map to nothing (not an error)."""
    return EXTERNAL_LABEL_MAP.get(source, {}).get(label, ())


def is_category(category_id: str) -> bool:
    """Whether an id belongs to the taxonomy (policies reject unknown ids)."""
    return category_id in CATEGORIES
