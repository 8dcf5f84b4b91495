"""Read the model registry: a TOML file of ``[[models]]`` tables that users edit to add models.

Validation is strict and names the entry and field, because a typo in a hand-edited file
should fail at start-up, not on the first request.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from generation.types import FAMILIES, MODALITIES, ModelSpec, RegistryError

DEFAULT_REGISTRY = Path(__file__).with_name("models.toml")
_REQUIRED = ("name", "family", "modality", "loader", "source", "version")
_OPTIONAL = ("description", "device", "dtype", "defaults", "limits", "quality")
_DEVICES = ("auto", "cpu", "cuda", "mps")
_DTYPES = ("auto", "float32", "float16", "bfloat16")


def _resolve_source(source: str, base: Path) -> str:
    """Relative paths resolve against the registry's folder; hub ids ("org/name") stay as they are.

    A source is a path when it starts with ".", "/" or "~", exists relative to the registry,
    or has more than one "/" (a hub id has at most one).
    """
    if source.startswith((".", "/", "~")) or (base / source).exists() or source.count("/") > 1:
        return str((base / Path(source).expanduser()).resolve())
    return source


def _quality(q: Any, where: str) -> dict[str, Any]:
    """``quality = { min_score = 0.5, max_attempts = 3 }``: both optional, nothing else allowed."""
    if not isinstance(q, dict):
        raise RegistryError(f"{where}: quality must be a table like {{ min_score = 0.5, max_attempts = 3 }}")
    unknown = sorted(set(q) - {"min_score", "max_attempts"})
    if unknown:
        raise RegistryError(f"{where}: unknown quality field(s) {unknown}; allowed: ['max_attempts', 'min_score']")
    out: dict[str, Any] = {}
    if "min_score" in q:
        v = q["min_score"]
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0.0 <= v <= 1.0:
            raise RegistryError(f"{where}: quality.min_score must be a number between 0.0 and 1.0, got {v!r}")
        out["min_score"] = float(v)
    if "max_attempts" in q:
        v = q["max_attempts"]
        if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 10:
            raise RegistryError(f"{where}: quality.max_attempts must be an integer between 1 and 10, got {v!r}")
        out["max_attempts"] = v
    return out


def _spec_from_table(table: dict[str, Any], index: int, base: Path) -> ModelSpec:
    where = f"models[{index}]"
    if not isinstance(table, dict):
        raise RegistryError(f"{where}: expected a table")
    name = table.get("name")
    if isinstance(name, str) and name:
        where = f"model {name!r}"
    unknown = sorted(set(table) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        raise RegistryError(f"{where}: unknown field(s) {unknown}; allowed: {sorted(_REQUIRED + _OPTIONAL)}")
    for key in _REQUIRED:
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            raise RegistryError(f"{where}: field {key!r} is required and must be a non-empty string")
    if table["family"] not in FAMILIES:
        raise RegistryError(f"{where}: family must be one of {list(FAMILIES)}, got {table['family']!r}")
    if table["modality"] not in MODALITIES:
        raise RegistryError(f"{where}: modality must be one of {list(MODALITIES)}, got {table['modality']!r}")
    device = table.get("device", "auto")
    if not isinstance(device, str) or device.split(":")[0] not in _DEVICES:
        raise RegistryError(f"{where}: device must be one of {list(_DEVICES)} (optionally 'cuda:N'), got {device!r}")
    dtype = table.get("dtype", "auto")
    if dtype not in _DTYPES:
        raise RegistryError(f"{where}: dtype must be one of {list(_DTYPES)}, got {dtype!r}")
    description = table.get("description", "")
    if not isinstance(description, str):
        raise RegistryError(f"{where}: description must be a string")
    defaults = table.get("defaults", {})
    limits = table.get("limits", {})
    if not isinstance(defaults, dict) or not isinstance(limits, dict):
        raise RegistryError(f"{where}: defaults and limits must be tables")
    for key, limit in limits.items():
        ok_list = isinstance(limit, list) and bool(limit)
        ok_choices = isinstance(limit, dict) and isinstance(limit.get("choices"), list) and bool(limit["choices"])
        if not (ok_list or ok_choices):
            raise RegistryError(
                f"{where}: limits.{key} must be [min, max], a list of allowed values or {{ choices = [...] }}"
            )
    quality = _quality(table.get("quality", {}), where)
    return ModelSpec(
        name=table["name"],
        family=table["family"],
        modality=table["modality"],
        loader=table["loader"],
        source=_resolve_source(table["source"], base),
        version=table["version"],
        description=description,
        device=device,
        dtype=dtype,
        defaults=dict(defaults),
        limits=dict(limits),
        quality=quality,
    )


def load_registry(path: Path = DEFAULT_REGISTRY) -> dict[str, ModelSpec]:
    """Parse and validate a registry file; returns specs keyed by model name."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise RegistryError(f"registry file not found: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"{path}: invalid TOML: {exc}") from exc
    models = data.get("models")
    if not isinstance(models, list) or not models:
        raise RegistryError(f"{path}: expected at least one [[models]] table")
    specs: dict[str, ModelSpec] = {}
    for i, table in enumerate(models):
        spec = _spec_from_table(table, i, path.parent.resolve())
        if spec.name in specs:
            raise RegistryError(f"{path}: duplicate model name {spec.name!r}")
        specs[spec.name] = spec
    return specs
