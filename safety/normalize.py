# ruff: noqa: RUF001  (the homoglyph table is made of look-alike letters on purpose)
"""Text normalisation that undoes cheap obfuscation before classification.

Attackers write "h0w t0 m4ke a b0mb", "k i l l" or swap Latin letters for Cyrillic
look-alikes to slip past classifiers trained on clean text. :func:`normalize_text` folds
those back. It is lossy on purpose (it is only ever used for scoring, never shown), so
scanners score both the raw and the normalised text where it matters.
"""

from __future__ import annotations

import re
import unicodedata

# Zero-width and invisible formatting characters that split words without showing.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062"
                               "\u2063\u2064\ufeff\u00ad\u180e\u034f\u061c"), None)

# Cyrillic and Greek letters that look like Latin ones (lower case; input is case-folded
# first). Only visual look-alikes are listed, not transliterations.
_HOMOGLYPHS = str.maketrans({
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "г": "r", "һ": "h", "і": "i", "ї": "i",
    "ј": "j", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
    "у": "y", "х": "x", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ү": "y", "ь": "b",
    "ӏ": "l", "п": "n", "и": "u", "з": "3",
    # Greek
    "α": "a", "β": "b", "γ": "y", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v",
    "ο": "o", "ρ": "p", "σ": "o", "ς": "s", "τ": "t", "υ": "u", "χ": "x", "ω": "w",
    "μ": "u", "ζ": "z", "θ": "o",
})

# Leetspeak, applied only inside tokens that also contain a letter, so "5 dogs" and
# "1984" stay as they are while "b0mb" and "k1ll" fold.
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t",
                       "@": "a", "$": "s", "!": "i", "|": "l", "+": "t"})
_LEET_CHARS = set("013457@$!|+")
_TOKEN = re.compile(r"\S+")
_HAS_LETTER = re.compile(r"[a-z]")

# Runs of three or more single letters separated by one consistent separator:
# "k i l l", "k.i.l.l", "k-i-l-l", "k_i_l_l", "k*i*l*l".
_SPACED = re.compile(r"(?<![a-z])([a-z])((?:([ .\-_*])[a-z]){2,})(?![a-z])")
_SPACES = re.compile(r"\s+")


def _fold_leet(token: str) -> str:
    if not (_LEET_CHARS & set(token)) or not _HAS_LETTER.search(token):
        return token
    core = token.rstrip(".,;:?!")
    tail = token[len(core):]
    return core.translate(_LEET) + tail


def _collapse_spaced(match: re.Match[str]) -> str:
    sep = match.group(3)
    run = match.group(0)
    parts = run.split(sep)
    if any(len(p) != 1 for p in parts):
        return run
    if sep == " " and parts[0] in ("a", "i") and len(parts) >= 4:
        # "make a b o m b": keep the article apart from the spelled-out word.
        return parts[0] + " " + "".join(parts[1:])
    return "".join(parts)


def normalize_text(text: str) -> str:
    """Fold obfuscated text to plain lower-case Latin for scoring.

    Steps: NFKC (full-width and stylised letters), remove zero-width characters, case
    folding, Cyrillic/Greek homoglyphs to Latin, strip accents, leetspeak inside words,
    collapse spaced-out letters, squeeze whitespace.
    """
    if not text:
        return ""
    out = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).casefold()
    out = out.translate(_HOMOGLYPHS)
    out = "".join(ch for ch in unicodedata.normalize("NFKD", out)
                  if not unicodedata.combining(ch))
    out = _TOKEN.sub(lambda m: _fold_leet(m.group(0)), out)
    out = _SPACED.sub(_collapse_spaced, out)
    return _SPACES.sub(" ", out).strip()
