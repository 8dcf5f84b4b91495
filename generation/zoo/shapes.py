"""Procedural "coloured shapes" data set for the demo diffusion model.

Each image is one shape (circle, square, triangle, star) in one colour on a neutral
background. Neutral backgrounds keep the colour words unambiguous, so the condition a
prompt asks for can be checked in the output pixels.
"""

from __future__ import annotations

import math
import random

import numpy as np
from PIL import Image, ImageDraw

SHAPES: tuple[str, ...] = ("circle", "square", "triangle", "star")
COLOURS: dict[str, tuple[int, int, int]] = {
    "red": (220, 30, 30),
    "green": (30, 170, 50),
    "blue": (30, 60, 220),
    "yellow": (240, 210, 20),
    "purple": (140, 40, 170),
    "orange": (245, 130, 20),
}
# Neutral backgrounds (greys, off-whites, near-black) so no background reads as a shape colour.
BACKGROUNDS: tuple[tuple[int, int, int], ...] = (
    (255, 255, 255),
    (235, 235, 230),
    (200, 200, 200),
    (150, 150, 150),
    (90, 90, 90),
    (30, 30, 30),
    (245, 240, 225),
)
SYNONYMS: dict[str, str] = {
    "circles": "circle",
    "disc": "circle",
    "disk": "circle",
    "round": "circle",
    "ball": "circle",
    "dot": "circle",
    "squares": "square",
    "box": "square",
    "triangles": "triangle",
    "stars": "star",
    "violet": "purple",
    "crimson": "red",
    "scarlet": "red",
    "navy": "blue",
    "gold": "yellow",
}


def class_labels() -> list[str]:
    """All condition labels, in class-id order ("red circle", "green circle", ...)."""
    return [f"{colour} {shape}" for shape in SHAPES for colour in COLOURS]


def _polygon(shape: str, cx: float, cy: float, r: float, angle: float) -> list[tuple[float, float]]:
    if shape == "square":
        corners = [(angle + math.pi / 4 + k * math.pi / 2) for k in range(4)]
        return [(cx + r * math.cos(a), cy + r * math.sin(a)) for a in corners]
    if shape == "triangle":
        corners = [(angle - math.pi / 2 + k * 2 * math.pi / 3) for k in range(3)]
        return [(cx + r * math.cos(a), cy + r * math.sin(a)) for a in corners]
    if shape == "star":
        pts = []
        for k in range(10):
            rr = r if k % 2 == 0 else r * 0.45
            a = angle - math.pi / 2 + k * math.pi / 5
            pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
        return pts
    raise ValueError(shape)


def render(shape: str, colour: str, size: int, rng: random.Random, supersample: int = 4) -> Image.Image:
    """Draw one scene, supersampled then downscaled so edges are anti-aliased."""
    big = size * supersample
    bg = BACKGROUNDS[rng.randrange(len(BACKGROUNDS))]
    jitter = tuple(max(0, min(255, c + rng.randint(-8, 8))) for c in bg)
    img = Image.new("RGB", (big, big), jitter)
    draw = ImageDraw.Draw(img)
    r = big * rng.uniform(0.24, 0.40)
    cx = big / 2 + rng.uniform(-0.12, 0.12) * big
    cy = big / 2 + rng.uniform(-0.12, 0.12) * big
    base = COLOURS[colour]
    fill = tuple(max(0, min(255, c + rng.randint(-15, 15))) for c in base)
    if shape == "circle":
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill)
    else:
        angle = rng.uniform(-0.3, 0.3)
        draw.polygon(_polygon(shape, cx, cy, r, angle), fill=fill)
    return img.resize((size, size), Image.Resampling.BOX)


def make_dataset(n: int, size: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Return (images uint8 [n, size, size, 3], class ids int64 [n]) drawn uniformly over classes."""
    rng = random.Random(seed)
    labels = class_labels()
    images = np.empty((n, size, size, 3), dtype=np.uint8)
    ids = np.empty((n,), dtype=np.int64)
    for i in range(n):
        cid = rng.randrange(len(labels))
        colour, shape = labels[cid].split()
        images[i] = np.asarray(render(shape, colour, size, rng))
        ids[i] = cid
    return images, ids
