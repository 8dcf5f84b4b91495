"""Repository-wide test setup.

Environment defaults (PostgreSQL DATABASE_URL, a test SECRET_KEY, offline model hubs) live in
pyproject.toml's pytest ``env`` table, so plain ``pytest`` and ``bin/test`` behave the same.
The generation/, safety/ and provenance/ tests need no Django and also run with ``-p no:django``.
"""

import pytest


@pytest.fixture(autouse=True)
def _no_audit_checkpoint_between_tests():
    """The audit checkpoint (and the dashboard's broken-chain marker) live in artifact storage,
    outside the database that each test rolls back: one left by a test would describe a chain
    the next test never had."""
    yield
    from django.apps import apps

    if not apps.ready:  # the Django-free packages' tests
        return
    from django.core.files.storage import default_storage

    from server.audit.checkpoints import CHECKPOINT_NAME
    from server.dashboard.services import BROKEN_MARKER

    for name in (CHECKPOINT_NAME, BROKEN_MARKER):
        if default_storage.exists(name):
            default_storage.delete(name)
