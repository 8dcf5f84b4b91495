"""Optional LLM safety classifier (Llama Guard 3 / ShieldGemma style) via transformers.

Disabled unless a local model directory is configured (never downloads). The prompt is
the Llama Guard 3 template with the MLCommons S1-S14 categories; the model answers
``safe`` or ``unsafe\\nS1,S10``. The ``unsafe`` score is P(unsafe) / (P(unsafe) + P(safe))
of the first generated token when both are single tokens (a calibrated score, as in the
Llama Guard paper), otherwise 1.0/0.0 from the parsed answer; each listed category scores
the same value.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from safety.scanners.base import Scanner

LLAMA_GUARD_CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("S1", "Violent Crimes", "S1_violent_crimes"),
    ("S2", "Non-Violent Crimes", "S2_non_violent_crimes"),
    ("S3", "Sex Crimes", "S3_sex_related_crimes"),
    ("S4", "Child Exploitation", "S4_child_sexual_exploitation"),
    ("S5", "Defamation", "S5_defamation"),
    ("S6", "Specialized Advice", "S6_specialized_advice"),
    ("S7", "Privacy", "S7_privacy"),
    ("S8", "Intellectual Property", "S8_intellectual_property"),
    ("S9", "Indiscriminate Weapons", "S9_indiscriminate_weapons"),
    ("S10", "Hate", "S10_hate"),
    ("S11", "Self-Harm", "S11_suicide_self_harm"),
    ("S12", "Sexual Content", "S12_sexual_content"),
    ("S13", "Elections", "S13_elections"),
    ("S14", "Code Interpreter Abuse", "S14_code_interpreter_abuse"),
)
CODE_TO_CATEGORY = {code: cat for code, _, cat in LLAMA_GUARD_CATEGORIES}

TEMPLATE = (
    "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n"
    "Task: Check if there is unsafe content in '{role}' messages in conversations according "
    "our safety policy with the below categories.\n\n"
    "<BEGIN UNSAFE CONTENT CATEGORIES>\n{categories}\n<END UNSAFE CONTENT CATEGORIES>\n\n"
    "<BEGIN CONVERSATION>\n\n{conversation}\n\n<END CONVERSATION>\n\n"
    "Provide your safety assessment for ONLY THE LAST {role} message in the above "
    "conversation:\n - First line must read 'safe' or 'unsafe'.\n"
    " - If unsafe, a second line must include a comma-separated list of violated "
    "categories.<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n")


def build_prompt(text: str, role: str = "User", prompt: str | None = None) -> str:
    """The Llama Guard 3 prompt for one message. ``role="Agent"`` judges a model
    response (``prompt`` is then the user turn that preceded it)."""
    cats = "\n".join(f"{code}: {title}." for code, title, _ in LLAMA_GUARD_CATEGORIES)
    conv = f"User: {prompt or ''}\n\nAgent: {text}" if role == "Agent" else f"User: {text}"
    return TEMPLATE.format(role=role, categories=cats, conversation=conv)


_CODE = re.compile(r"\bS(1[0-4]|[1-9])\b")


def parse_output(generated: str, p_unsafe: float | None = None) -> tuple[dict[str, float],
                                                                         dict[str, Any]]:
    """'safe' -> unsafe 0; 'unsafe\\nS1,S10' -> unsafe and S1/S10 categories scored.
    Anything else is an error (the caller fails closed)."""
    lines = [ln.strip() for ln in generated.strip().splitlines() if ln.strip()]
    if not lines or lines[0].lower() not in ("safe", "unsafe"):
        raise ValueError(f"unparseable classifier output: {generated[:80]!r}")
    unsafe = lines[0].lower() == "unsafe"
    score = p_unsafe if p_unsafe is not None else (1.0 if unsafe else 0.0)
    scores: dict[str, float] = {"unsafe": float(score)}
    codes: list[str] = []
    if unsafe:
        for line in lines[1:]:
            codes += [f"S{m}" for m in _CODE.findall(line)]
        for code in codes:
            scores[CODE_TO_CATEGORY[code]] = float(score)
    return scores, {"label": lines[0].lower(), "codes": codes, "raw": generated[:200]}


class LlamaGuardScanner(Scanner):
    """Runs a local Llama Guard 3 style causal LM (AutoModelForCausalLM) on text."""

    name = "llama-guard"
    modality = "text"

    def __init__(self, model_path: str | Path | None = None, device: str = "cpu",
                 max_new_tokens: int = 10, model: Any = None, tokenizer: Any = None):
        super().__init__()
        self.model_path = Path(model_path) if model_path else None
        self.device = device
        self.max_new_tokens = max_new_tokens
        self.model = model
        self.tokenizer = tokenizer

    @property
    def version(self) -> str:
        return f"llama-guard:{self.model_path.name if self.model_path else 'in-memory'}"

    def _load(self) -> None:
        if self.model is None or self.tokenizer is None:
            if self.model_path is None or not self.model_path.is_dir():
                raise FileNotFoundError(f"classifier model not found: {self.model_path}")
            from transformers import AutoModelForCausalLM, AutoTokenizer

            self.tokenizer = AutoTokenizer.from_pretrained(str(self.model_path))
            self.model = AutoModelForCausalLM.from_pretrained(str(self.model_path))
        self.model = self.model.to(self.device).eval()

    def _first_token_id(self, word: str) -> int | None:
        ids = self.tokenizer(word, add_special_tokens=False)["input_ids"]
        return int(ids[0]) if len(ids) == 1 else None

    def generate(self, prompt: str) -> tuple[str, float | None]:
        """Greedy answer text and the calibrated P(unsafe) when computable."""
        import torch

        enc = self.tokenizer(prompt, return_tensors="pt", add_special_tokens=False)
        enc = {k: v.to(self.device) for k, v in enc.items()}
        pad = self.tokenizer.pad_token_id
        if pad is None:
            pad = self.tokenizer.eos_token_id if self.tokenizer.eos_token_id is not None else 0
        with torch.inference_mode():
            out = self.model.generate(**enc, max_new_tokens=self.max_new_tokens,
                                      do_sample=False, output_scores=True,
                                      return_dict_in_generate=True, pad_token_id=pad)
        new = out.sequences[0, enc["input_ids"].shape[1]:]
        text = self.tokenizer.decode(new, skip_special_tokens=True)
        p_unsafe = None
        safe_id, unsafe_id = self._first_token_id("safe"), self._first_token_id("unsafe")
        if safe_id is not None and unsafe_id is not None and out.scores:
            probs = torch.softmax(out.scores[0][0].float(), dim=-1)
            ps, pu = float(probs[safe_id]), float(probs[unsafe_id])
            if ps + pu > 0:
                p_unsafe = pu / (ps + pu)
        return text, p_unsafe

    def _scores(self, content: Any) -> tuple[dict[str, float], dict[str, Any]]:
        return self._scores_in_context(content, {})

    def _scores_in_context(self, content: Any,
                           context: dict[str, Any]) -> tuple[dict[str, float], dict[str, Any]]:
        text = str(content or "")
        if context.get("stage") == "output" and context.get("prompt"):
            prompt = build_prompt(text, role="Agent", prompt=str(context["prompt"]))
        else:
            prompt = build_prompt(text)
        generated, p_unsafe = self.generate(prompt)
        scores, details = parse_output(generated, p_unsafe)
        return scores, details
