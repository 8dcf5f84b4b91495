"""Strip the greetings and thanks around a request before the classifier reads it.

People wrap requests in small talk ("Hi! …", "Quick question: …", "… Thanks!"). The text
classifier learned from data where such chatter is rarer in benign rows than in harmful
ones, so it read the chatter itself as harm: "Hey there! Quick question: how would I smoke
salmon at home?" scored 0.98 against 0.014 for the bare question (docs/safety.md). The
classifier therefore scores the request without its small talk.

Only a greeting, a thanks or a question opener at the very start, and a thanks, laugh or
"please" at the very end, are removed; nothing inside the request is. A harmful request
keeps every word that makes it harmful, so stripping can never hide harm: the stripped
text is exactly the bare request a user could have typed. The text is left as it is when
less than three words would remain.
"""

from __future__ import annotations

import itertools
import re

_ADDRESSEE = (r"(?:\s+(?:there|again|all|everyone|everybody|friend|folks|guys|team|assistant|"
              r"bot|chatgpt|claude|ai))?")
_OPENERS = [
    # greetings: "Hi!", "Hello there,", "Hey -", "Good morning.", "Hiya"
    rf"(?:hi|hello|hey|heya|hiya|howdy|greetings){_ADDRESSEE}(?:\s*[!.,:;\-]+|\s+(?=\S))",
    rf"yo{_ADDRESSEE}\s*[!.,:;\-]+",
    rf"(?:good\s+(?:morning|afternoon|evening|day)|morning|evening){_ADDRESSEE}\s*[!.,:;\-]+",
    # thanks for earlier: "Thanks so much for the help earlier!", "Thank you!"
    r"(?:thanks|thank\s+you|thx|ty)(?:\s+(?:so|very)\s+much|\s+a\s+lot|\s+again)?"
    r"(?:\s+for\s+(?:the|your|all\s+the)\s+help(?:\s+(?:earlier|before|so\s+far|yesterday))?)?"
    r"\s*[!.,]+",
    # well-wishing and self-introduction
    r"(?:i\s+)?hope\s+(?:you(?:'re|\s+are)\s+(?:doing\s+)?(?:well|good|ok)|all\s+is\s+well|"
    r"your\s+day\s+is\s+going\s+(?:well|good))(?:\s+today)?\s*[!.,]+",
    r"(?:i'?m|i\s+am)\s+new\s+here\s*[!.,]+",
    r"(?:(?:it'?s\s+)?(?:my\s+)?first\s+time\s+here|long[\s-]*time\s+(?:user|reader|lurker)"
    r"(?:\s+here)?)\s*[!.,]+",
    # question openers: "Quick question:", "One more:", "I have a question.", "So,"
    r"(?:(?:ok(?:ay)?|so|alright|well)\s*,?\s*)?(?:a\s+)?(?:quick|random|simple|weird|silly|dumb|stupid|odd|small|general|honest)"
    r"\s+(?:question|one)(?:\s+for\s+you)?\s*[:!.,?\-]+",
    r"(?:one\s+more|another)(?:\s+(?:thing|question|one))?(?:\s+for\s+you)?\s*[:!.,\-]+",
    r"(?:ok(?:ay)?|so|alright|well|um+|uh+|hmm+)\s*,?\s*(?:next|another|one\s+more)?"
    r"\s*question(?:\s+for\s+you)?\s*[:!.,\-]+",
    r"(?:i\s+have|i'?ve\s+got|got)\s+a\s+(?:quick\s+|random\s+|simple\s+)?question"
    r"(?:\s+for\s+you)?\s*[:!.,\-]+",
    r"(?:here'?s\s+my\s+)?question(?:\s+for\s+you)?\s*:",
    r"(?:can|could|may)\s+i\s+ask\s+(?:you\s+)?(?:something|a\s+question)\s*\?",
    r"sorry\s+to\s+bother\s+you(?:\s+again)?\s*[,.!]*(?:\s*but)?",
    r"(?:ok(?:ay)?|so|alright|well|um+|uh+|hmm+)\s*[,.!]+",
    r"out\s+of\s+curiosity\s*,",
    r"i(?:\s+(?:was|am)|'m)\s+(?:just\s+)?(?:wondering|curious)\s*[:,]",
]
_CLOSERS = [
    r"(?:thanks|thank\s+you|thx|ty|cheers|many\s+thanks)(?:\s+(?:so|very)\s+much|\s+a\s+lot|"
    r"\s+in\s+advance|\s+again)?(?:\s*,\s*you'?re\s+the\s+best)?",
    r"(?:thanks\s+)?in\s+advance",
    r"(?:i\s+)?(?:really\s+)?appreciate\s+it|much\s+appreciated",
    r"lol|lmao|haha+|hehe+|:\)|:-\)|:d|;\)|xd",
    r"please|pls|plz",
]
_OPEN = re.compile(r"\s*(?:" + "|".join(_OPENERS) + r")\s*", re.IGNORECASE)
# Openers are matched in the first START_CHARS characters and closers searched in the last
# END_CHARS only: a search over a long run of spaces or commas would otherwise cost
# quadratic time.
_CLOSE = re.compile(r"(?:^|(?<=[\s,]))(?:" + "|".join(_CLOSERS) + r")\s*[!.]*\s*$", re.IGNORECASE)
START_CHARS = 200
END_CHARS = 120
_WORD = re.compile(r"[^\W_]+")
MIN_WORDS = 3


def strip_small_talk(text: str) -> str:
    """``text`` without the greetings and thanks at its ends (or unchanged, see module)."""
    out = text
    for _ in range(6):  # "Hi! Hope you're well. Quick question: ..."
        match = _OPEN.match(out[:START_CHARS])
        if not match or not match.end():
            break
        out = out[match.end():]
    for _ in range(4):  # "... please. Thanks in advance! :)"
        tail = out[-END_CHARS:]
        match = _CLOSE.search(tail)
        if not match:
            break
        out = (out[:len(out) - len(tail)] + tail[:match.start()]).rstrip(" \t\n,")
    if out == text or sum(1 for _ in itertools.islice(_WORD.finditer(out), MIN_WORDS)) < MIN_WORDS:
        return text
    out = out.strip()
    return out[:1].upper() + out[1:]
