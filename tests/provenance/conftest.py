"""Fixtures for the provenance tests: plain pytest, no Django needed.

The repository-wide conftest has an autouse fixture that asks for pytest-django's
``settings``; this package overrides ``settings`` with a stand-in so the tests also
run with ``-p no:django``.
"""

from __future__ import annotations

import types
from pathlib import Path

import pytest

from provenance import SigningIdentity


@pytest.fixture
def settings() -> types.SimpleNamespace:
    return types.SimpleNamespace()


@pytest.fixture(scope="session")
def wm_key() -> bytes:
    return b"test-watermark-key-0123456789abcdef"


@pytest.fixture(scope="session")
def identity_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("identity")


@pytest.fixture(scope="session")
def identity(identity_dir: Path) -> SigningIdentity:
    return SigningIdentity.ensure(identity_dir)
