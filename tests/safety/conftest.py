"""Shared fixtures: models load once per test session (MiniLM ~7 s, NudeNet ~1 s)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from safety import Policy, SafetyEngine


@pytest.fixture(autouse=True)
def _plain_http():
    """Shadow the root conftest's Django-settings fixture: safety tests need no Django
    (and must also run with ``-p no:django``)."""


@pytest.fixture(scope="session")
def policy() -> Policy:
    return Policy.default()


@pytest.fixture(scope="session")
def engine(policy: Policy) -> SafetyEngine:
    eng = SafetyEngine(policy, device="cpu")
    eng.warm_up()
    return eng


@pytest.fixture(scope="session")
def benign_png() -> bytes:
    """A 256x256 synthetic landscape: sky gradient, green hill, a yellow sun."""
    img = Image.new("RGB", (256, 256))
    px = img.load()
    for y in range(256):
        for x in range(256):
            if (x - 200) ** 2 + (y - 50) ** 2 < 400:
                px[x, y] = (250, 220, 40)
            elif y > 170 + 20 * ((x / 256) - 0.5) ** 2 * 4:
                px[x, y] = (40, 140 + y % 30, 50)
            else:
                px[x, y] = (90, 150, 200 + y // 8)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()
