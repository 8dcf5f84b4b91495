"""OpenAI moderation categories computed from the service's taxonomy scores.

Each OpenAI category is backed by taxonomy categories; "all" means every one must score
(a conjunction such as hate AND threat), "any" means one is enough.
"""

from __future__ import annotations

OPENAI_CATEGORIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "sexual": ("any", ("S12_sexual_content", "nudity")),
    "sexual/minors": ("any", ("sexual_minors", "S4_child_sexual_exploitation")),
    "hate": ("any", ("S10_hate",)),
    "hate/threatening": ("all", ("S10_hate", "S1_violent_crimes")),
    "harassment": ("any", ("harassment",)),
    "harassment/threatening": ("all", ("harassment", "S1_violent_crimes")),
    "self-harm": ("any", ("S11_suicide_self_harm",)),
    "self-harm/intent": ("any", ("S11_suicide_self_harm",)),
    "self-harm/instructions": ("any", ("S11_suicide_self_harm",)),
    "violence": ("any", ("S1_violent_crimes",)),
    "violence/graphic": ("any", ("graphic_violence",)),
    "illicit": ("any", ("S2_non_violent_crimes",)),
    "illicit/violent": ("any", ("S9_indiscriminate_weapons",)),
}


def to_openai(category_scores: dict[str, float], flagged_categories: list[str]) -> tuple[dict, dict]:
    """(categories: name → bool, category_scores: name → float) in OpenAI's vocabulary."""
    flagged = set(flagged_categories)
    categories, scores = {}, {}
    for name, (mode, sources) in OPENAI_CATEGORIES.items():
        values = [float(category_scores.get(source, 0.0)) for source in sources]
        hits = [source in flagged for source in sources]
        scores[name] = round(min(values) if mode == "all" else max(values), 6)
        categories[name] = all(hits) if mode == "all" else any(hits)
    return categories, scores
