"""Shared fixtures. Server tests run on PostgreSQL (bin/test sets DATABASE_URL)."""

import pytest


@pytest.fixture(autouse=True)
def _plain_http(settings):
    settings.SECURE_SSL_REDIRECT = False
