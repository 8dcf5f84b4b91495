"""Parameter validation: defaults applied; unknown, wrong-typed and out-of-range values rejected."""

from dataclasses import replace

import pytest

from generation import (
    Backend,
    InvalidParameters,
    ModelSpec,
    UnknownModel,
    get_backend,
    load_registry,
    resolve_device,
)


@pytest.fixture(scope="module")
def backend() -> Backend:
    return get_backend(load_registry()["shapes-diffusion"])  # not loaded: validation needs no weights


def test_defaults_applied(backend):
    assert backend.validate({}) == {"steps": 25, "guidance_scale": 3.0, "size": 256}
    assert backend.validate({"steps": 5, "guidance_scale": 3, "size": 512}) == {
        "steps": 5,
        "guidance_scale": 3.0,
        "size": 512,
    }


def test_unknown_param_names_allowed_ones(backend):
    with pytest.raises(InvalidParameters) as info:
        backend.validate({"steps": 5, "cfg": 7})
    assert info.value.field == "cfg"
    assert "allowed: ['guidance_scale', 'size', 'steps']" in str(info.value)


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"steps": 0}, "steps", "steps must be an integer between 1 and 100"),
        ({"steps": 101}, "steps", "steps must be an integer between 1 and 100"),
        ({"steps": 2.5}, "steps", "steps must be an integer between 1 and 100"),
        ({"steps": "10"}, "steps", "steps must be an integer between 1 and 100"),
        ({"steps": True}, "steps", "steps must be an integer between 1 and 100"),
        ({"guidance_scale": -1}, "guidance_scale", "guidance_scale must be a number between 0.0 and 20.0"),
        ({"guidance_scale": "high"}, "guidance_scale", "guidance_scale must be a number between 0.0 and 20.0"),
        ({"size": 128}, "size", "size must be an integer between 256 and 512"),
        ({"size": None}, "size", "size must be an integer between 256 and 512"),
    ],
)
def test_bad_values_rejected_with_range(backend, params, field, message):
    with pytest.raises(InvalidParameters) as info:
        backend.validate(params)
    assert info.value.field == field
    assert str(info.value) == message


def test_choices_limit(backend):
    spec = replace(backend.spec, limits={**backend.spec.limits, "size": {"choices": [256, 512]}})
    other = get_backend(spec)
    assert other.validate({"size": 512})["size"] == 512
    with pytest.raises(InvalidParameters, match=r"size must be one of \[256, 512\]"):
        other.validate({"size": 300})


def test_unknown_loader():
    spec = ModelSpec(name="x", family="gan", modality="image", loader="nope", source="/tmp", version="1")
    with pytest.raises(UnknownModel, match="unknown loader 'nope'"):
        get_backend(spec)


def test_resolve_device_explicit_cpu(backend):
    assert resolve_device(replace(backend.spec, device="cpu")) == ("cpu", "float32")
    assert resolve_device(replace(backend.spec, device="cpu", dtype="bfloat16")) == ("cpu", "bfloat16")
