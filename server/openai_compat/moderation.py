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


def to_openai_result(judged: list[tuple[str, dict]]) -> dict:
    """One OpenAI result from (input type, verdict summary) pairs, as omni-moderation answers a list of
    parts: flagged if any part is, each category's score the highest over the parts, and
    ``category_applied_input_types`` naming the input types ("text", "image") whose scanners score it.

    Judging the parts of one input as one result is what keeps a client that reads ``results[0]`` from
    missing a flagged image after a harmless caption."""
    per_part = [(kind, *to_openai(s["category_scores"], s["categories"])) for kind, s in judged]
    categories = {name: any(flags[name] for _, flags, _ in per_part) for name in OPENAI_CATEGORIES}
    scores = {name: max(values[name] for _, _, values in per_part) for name in OPENAI_CATEGORIES}
    applied = {name: sorted({kind for kind, s in judged if any(src in s["category_scores"] for src in sources)})
               for name, (_, sources) in OPENAI_CATEGORIES.items()}
    return {"flagged": any(s["flagged"] for _, s in judged), "categories": categories, "category_scores": scores,
            "category_applied_input_types": applied}


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
