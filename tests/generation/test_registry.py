"""Registry parsing: the shipped file is valid and hand-editing mistakes fail loudly."""

from pathlib import Path

import pytest

from generation import DEFAULT_REGISTRY, GenerationError, ModelSpec, RegistryError, load_registry

GOOD = """
[[models]]
name = "m1"
family = "diffusion"
modality = "image"
loader = "diffusers-class-conditional"
source = "weights/m1"
version = "0.1"
defaults = { steps = 10 }
limits = { steps = [1, 50] }
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "models.toml"
    path.write_text(text)
    return path


def test_shipped_registry_lists_demo_model():
    specs = load_registry(DEFAULT_REGISTRY)
    spec = specs["shapes-diffusion"]
    assert isinstance(spec, ModelSpec)
    assert (spec.family, spec.modality) == ("diffusion", "image")
    assert Path(spec.source).is_absolute() and Path(spec.source).is_dir()
    assert spec.defaults == {"steps": 25, "guidance_scale": 3.0, "size": 256}
    assert spec.limits["steps"] == [1, 100]
    assert spec.device == "auto" and spec.dtype == "auto"


def test_relative_source_resolves_against_registry_folder(tmp_path):
    (tmp_path / "weights" / "m1").mkdir(parents=True)  # an existing folder wins over the "org/name" hub-id reading
    specs = load_registry(write(tmp_path, GOOD))
    assert specs["m1"].source == str((tmp_path / "weights" / "m1").resolve())
    assert specs["m1"].description == ""


def test_missing_nested_path_still_resolves(tmp_path):
    specs = load_registry(write(tmp_path, GOOD.replace('"weights/m1"', '"./zoo/weights/m1"')))
    assert specs["m1"].source == str((tmp_path / "zoo" / "weights" / "m1").resolve())


def test_hub_id_is_kept(tmp_path):
    specs = load_registry(write(tmp_path, GOOD.replace('"weights/m1"', '"org/model"')))
    assert specs["m1"].source == "org/model"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('family = "diffusion"', 'family = "transformer"', "family must be one of"),
        ('modality = "image"', 'modality = "smell"', "modality must be one of"),
        ('version = "0.1"', "", "'version' is required"),
        ('name = "m1"', 'name = ""', "'name' is required"),
        ('version = "0.1"', 'version = "0.1"\ncolour = "red"', "unknown field(s) ['colour']"),
        ('version = "0.1"', 'version = "0.1"\ndevice = "tpu"', "device must be one of"),
        ('version = "0.1"', 'version = "0.1"\ndtype = "int4"', "dtype must be one of"),
        ("limits = { steps = [1, 50] }", "limits = { steps = 5 }", "limits.steps must be"),
    ],
)
def test_invalid_entries_name_the_problem(tmp_path, old, new, expected):
    with pytest.raises(RegistryError, match="m1|models\\[0\\]") as info:
        load_registry(write(tmp_path, GOOD.replace(old, new)))
    assert expected in str(info.value)


def test_duplicate_names_rejected(tmp_path):
    with pytest.raises(RegistryError, match="duplicate model name 'm1'"):
        load_registry(write(tmp_path, GOOD + GOOD))


def test_file_level_errors(tmp_path):
    with pytest.raises(RegistryError, match="not found"):
        load_registry(tmp_path / "missing.toml")
    with pytest.raises(RegistryError, match="invalid TOML"):
        load_registry(write(tmp_path, "[[models]\nname="))
    with pytest.raises(RegistryError, match="at least one"):
        load_registry(write(tmp_path, "title = 'empty'\n"))
    assert issubclass(RegistryError, GenerationError)
