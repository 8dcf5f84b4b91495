"""generation/ tests are plain Python: they must run without Django (``-p no:django``)."""

import pytest


@pytest.fixture(autouse=True)
def _plain_http():
    """Override the Django-only autouse fixture of tests/conftest.py; generation makes no HTTP calls."""
    yield
