"""The one split rule of the project-made sets: every third item (index % 3 == 2) is test.

An item is whatever must not straddle the split: a template, a topic, a form or a
hand-written row. Changing this rule re-splits every set, so it lives in one place.
"""

from __future__ import annotations

TEST_EVERY = 3


def split_of(index: int) -> str:
    """"test" for every third item (index 2, 5, 8, ...), else "train"."""
    return "test" if index % TEST_EVERY == TEST_EVERY - 1 else "train"
