"""Repository-wide test setup.

Environment defaults (PostgreSQL DATABASE_URL, a test SECRET_KEY, offline model hubs) live in
pyproject.toml's pytest ``env`` table, so plain ``pytest`` and ``bin/test`` behave the same.
The generation/, safety/ and provenance/ tests need no Django and also run with ``-p no:django``.
"""
