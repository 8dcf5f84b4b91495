"""Autoregressive text: any transformers causal LM + tokenizer in a local directory.

``AutoModelForCausalLM.from_pretrained(source, local_files_only=True)`` and
``AutoTokenizer.from_pretrained(source, local_files_only=True)``; nothing is downloaded.

Decoding is this module's own loop (KV cache, left padding) rather than ``model.generate``
so that every request in a batch keeps its own params and its own ``torch.Generator``
seeded with ``GenerationRequest.seed``: the same request gives the same text whatever else
is in the batch (up to float rounding of padded batches on some devices). Per step:
raw logits -> temperature -> top-p -> the caller's ``hooks.logits_processors`` (e.g. a
green-list watermark, applied last like transformers does) -> argmax (temperature 0) or a
sample. Stop strings truncate the text at their first occurrence.

Params: ``max_new_tokens``, ``temperature`` (0 = greedy), ``top_p``, ``stop`` (list of
strings). Output: ``text/plain; charset=utf-8`` bytes of the continuation; metadata has
``token_ids`` (the generated tokens the returned text decodes from, without EOS; the
server verifies the text watermark with them), token counts, ``finish_reason``
(``stop`` | ``length``) and ``mean_logprob`` (model log-prob of the kept tokens).
"""

from __future__ import annotations

import time
from typing import Any

import torch

from generation.backends.base import Backend, register_backend
from generation.types import (
    GeneratedItem,
    GenerationHooks,
    GenerationRequest,
    InvalidParameters,
    ModelLoadError,
    ModelSpec,
)

MIME = "text/plain; charset=utf-8"


def _top_p_filter(logits: torch.Tensor, top_p: torch.Tensor) -> torch.Tensor:
    """Keep the smallest set of tokens whose probability reaches top_p (per row); others -> -inf."""
    sorted_logits, order = logits.sort(dim=-1, descending=True)
    probs = sorted_logits.softmax(dim=-1)
    cum = probs.cumsum(dim=-1)
    remove = (cum - probs) >= top_p.unsqueeze(1)  # tokens after the nucleus is full
    remove[:, 0] = False
    sorted_logits = sorted_logits.masked_fill(remove, float("-inf"))
    return torch.full_like(logits, float("-inf")).scatter(1, order, sorted_logits)


def load_local_transformers(backend: Backend, kind: str, model_class: str, companion_class: str) -> tuple[Any, Any]:
    """``(tokenizer or processor, model)`` from a local ``save_pretrained`` folder, the model on the
    backend's device and dtype in eval mode. Never downloads; failures are ``ModelLoadError``s naming
    the model. Shared by the transformers backends (text, text-to-audio, symbolic music)."""
    name = backend.spec.name
    root = backend.local_source(kind)
    if not (root / "config.json").is_file():
        raise ModelLoadError(f"model {name!r}: {root} has no config.json (save_pretrained output)")
    try:
        import transformers
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        companion = getattr(transformers, companion_class).from_pretrained(root, local_files_only=True)
        model = getattr(transformers, model_class).from_pretrained(root, local_files_only=True,
                                                                    dtype=getattr(torch, backend.dtype))
    except Exception as exc:  # transformers raises OSError/ValueError/KeyError variously
        raise ModelLoadError(f"model {name!r}: cannot load from {root}: {exc}") from exc
    try:
        model = model.to(backend.device).eval()
    except Exception as exc:
        raise ModelLoadError(f"model {name!r}: cannot move to {backend.device}/{backend.dtype}: {exc}") from exc
    return companion, model



@register_backend("transformers-causal-lm")
class CausalLMBackend(Backend):
    """A transformers causal LM sampled with a per-request seeded generator."""

    def __init__(self, spec: ModelSpec) -> None:
        super().__init__(spec)
        self.model: Any = None
        self.tokenizer: Any = None
        self.max_positions: int | None = None
        self._cache_kw = "past_key_values"  # transformers >= 5.x names it "cache"
        self.load_seconds = 0.0

    def load(self) -> None:
        if self.loaded:
            return
        t0 = time.perf_counter()
        tokenizer, model = load_local_transformers(self, "transformers checkpoints", "AutoModelForCausalLM",
                                                   "AutoTokenizer")
        if tokenizer.pad_token_id is None:
            if tokenizer.eos_token_id is None:
                raise ModelLoadError(f"model {self.spec.name!r}: the tokenizer has neither a pad nor an eos token")
            tokenizer.pad_token = tokenizer.eos_token
        tokenizer.padding_side = "left"
        self.model = model
        self.tokenizer = tokenizer
        import inspect

        if "cache" in inspect.signature(model.forward).parameters:
            self._cache_kw = "cache"
        cfg = model.config
        self.max_positions = getattr(cfg, "n_positions", None) or getattr(cfg, "max_position_embeddings", None)
        self.load_seconds = time.perf_counter() - t0
        self.loaded = True

    def validate(self, params: dict[str, Any] | None) -> dict[str, Any]:
        out = super().validate(params)
        stop = out.get("stop", [])
        if stop is None:
            stop = []
        if isinstance(stop, str):
            stop = [stop]
        if (
            not isinstance(stop, list)
            or len(stop) > 8
            or not all(isinstance(s, str) and 0 < len(s) <= 64 for s in stop)
        ):
            raise InvalidParameters(
                "stop must be a list of at most 8 non-empty strings of at most 64 characters", "stop"
            )
        if "stop" in out or "stop" in self.allowed_params:
            out["stop"] = stop
        return out

    def _encode_prompt(self, prompt: str) -> list[int]:
        tok = self.tokenizer
        ids = list(tok(prompt, add_special_tokens=True)["input_ids"])
        bos = tok.bos_token_id
        if bos is not None and (not ids or ids[0] != bos):
            ids = [bos, *ids]  # condition on "start of document" like the model was trained
        return ids

    def _finish(self, ids: list[int], stop: list[str]) -> tuple[str, list[int], str | None]:
        """Decode, cut at EOS or the first stop string; returns (text, kept token ids, reason or None)."""
        eos = self.tokenizer.eos_token_id
        reason = None
        if eos is not None and eos in ids:
            ids = ids[: ids.index(eos)]
            reason = "eos"
        text = self.tokenizer.decode(ids, skip_special_tokens=True)
        cut = min((text.find(s) for s in stop if s in text), default=-1)
        if cut >= 0:
            text, reason = text[:cut], "stop_sequence"
            while ids and not text.startswith(self.tokenizer.decode(ids, skip_special_tokens=True)):
                ids = ids[:-1]  # keep only tokens wholly inside the returned text
        return text, ids, reason

    @torch.inference_mode()
    def generate(self, requests: list[GenerationRequest], hooks: GenerationHooks | None = None) -> list[GeneratedItem]:
        if not self.loaded:
            self.load()
        params = [self.validate(r.params) for r in requests]
        if not requests:
            return []
        processors = list(hooks.logits_processors) if hooks else []
        tok, dev = self.tokenizer, self.device
        prompts = [self._encode_prompt(r.prompt) for r in requests]
        max_new = [int(p.get("max_new_tokens", 64)) for p in params]
        truncated = [False] * len(requests)
        if self.max_positions:
            for i, m in enumerate(max_new):
                room = self.max_positions - m
                if room < 1:
                    raise InvalidParameters(
                        f"max_new_tokens must be below the model's context of {self.max_positions} tokens",
                        "max_new_tokens",
                    )
                if len(prompts[i]) > room:
                    prompts[i], truncated[i] = prompts[i][-room:], True  # keep the end of a long prompt
        width = max(map(len, prompts))
        pad = tok.pad_token_id
        input_ids = torch.tensor([[pad] * (width - len(p)) + p for p in prompts], device=dev)
        mask = torch.tensor([[0] * (width - len(p)) + [1] * len(p) for p in prompts], device=dev)
        temps = torch.tensor([float(p.get("temperature", 1.0)) for p in params], device=dev)
        top_p = torch.tensor([float(p.get("top_p", 1.0)) for p in params], device=dev)
        gens = [torch.Generator(device="cpu").manual_seed(int(r.seed)) for r in requests]
        stops = [list(p.get("stop", [])) for p in params]
        n = len(requests)
        new_tokens: list[list[int]] = [[] for _ in range(n)]
        logprobs: list[list[float]] = [[] for _ in range(n)]
        done = [False] * n
        eos = tok.eos_token_id
        t0 = time.perf_counter()
        past = None
        seq, cur_ids = input_ids, input_ids
        steps = 0
        for _ in range(max(max_new)):
            steps += 1
            pos = (mask.cumsum(-1) - 1).clamp(min=0)
            out = self.model(
                input_ids=cur_ids,
                attention_mask=mask,
                position_ids=pos[:, -cur_ids.shape[1] :],
                use_cache=True,
                **{self._cache_kw: past},
            )
            past = getattr(out, self._cache_kw)
            raw = out.logits[:, -1, :].float()
            if steps == 1 and eos is not None:
                raw[:, eos] = float("-inf")  # at least one token: an empty completion cannot be signed
            logp_raw = raw.log_softmax(-1)
            scores = raw / temps.clamp(min=1e-5).unsqueeze(1)
            scores = _top_p_filter(scores, top_p)
            for proc in processors:
                scores = proc(seq, scores)
            nxt = []
            for i in range(n):
                if done[i]:
                    nxt.append(pad)
                    continue
                if temps[i] <= 0:
                    t = int(scores[i].argmax())
                else:
                    probs = scores[i].softmax(-1).cpu()
                    t = int(torch.multinomial(probs, 1, generator=gens[i]))
                nxt.append(t)
                new_tokens[i].append(t)
                logprobs[i].append(float(logp_raw[i, t]))
                if (
                    (eos is not None and t == eos)
                    or len(new_tokens[i]) >= max_new[i]
                    or stops[i]
                    and any(s in tok.decode(new_tokens[i][-24:], skip_special_tokens=True) for s in stops[i])
                ):
                    done[i] = True
            if all(done):
                break
            cur_ids = torch.tensor(nxt, device=dev).unsqueeze(1)
            seq = torch.cat([seq, cur_ids], dim=1)
            mask = torch.cat([mask, torch.ones((n, 1), dtype=mask.dtype, device=dev)], dim=1)
        decode_s = time.perf_counter() - t0
        items = []
        for i, req in enumerate(requests):
            text, kept, reason = self._finish(new_tokens[i], stops[i])
            finish = "stop" if reason else "length"
            lp = logprobs[i][: len(kept)]
            items.append(
                GeneratedItem(
                    data=text.encode("utf-8"),
                    mime=MIME,
                    metadata={
                        "model": self.spec.name,
                        "model_version": self.spec.version,
                        "family": self.spec.family,
                        "prompt": req.prompt,
                        "seed": int(req.seed),
                        "params": params[i],
                        "token_ids": kept,
                        "prompt_tokens": len(prompts[i]),
                        "prompt_truncated": truncated[i],
                        "generated_tokens": len(kept),
                        "finish_reason": finish,
                        "stop_reason": reason or "max_new_tokens",
                        "mean_logprob": round(sum(lp) / len(lp), 5) if lp else None,
                        "logits_processors": [type(p).__name__ for p in processors],
                        "device": self.device,
                        "dtype": self.dtype,
                        "timings": {
                            "batch_size": n,
                            "decode_s": round(decode_s, 4),
                            "decode_per_item_s": round(decode_s / n, 4),
                            "steps": steps,
                        },
                    },
                )
            )
        return items
