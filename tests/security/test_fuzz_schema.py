"""Schema-driven fuzzing: every documented operation, all of schemathesis' checks, a valid key.

The app runs in-process through its WSGI entry point (no network, no server to start); the
schema is the one the service serves at /api/schema/. Each operation gets a bounded number of
examples so the whole run stays around a minute on two busy cores.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import negative_data_rejection

from server.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/", application, headers={"Accept": "application/json"})

# Operations whose handler runs models (the safety scanners) get fewer examples; everything else
# is cheap (POST /generations only enqueues, on the in-process broker).
MODEL_BACKED = {("POST", "/api/v1/moderations"), ("POST", "/api/v1/verify")}
EXAMPLES = 30
MODEL_EXAMPLES = 8

CASES_RUN: dict[str, int] = {}


@pytest.fixture
def fuzz_key(make_key):
    """A key with every scope and limits far above what the fuzzer sends."""
    issued = make_key("fuzzer")
    issued.api_key.rate_limit_per_minute = 1_000_000
    issued.api_key.daily_quota = 1_000_000
    issued.api_key.max_concurrent = 1_000_000
    issued.api_key.save()
    return issued.secret


@pytest.fixture
def in_test_transaction():
    """The WSGI handler would close the test's connection at the end of each request; keep it."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case, fuzz_key, in_test_transaction):
    if (case.method.upper(), case.path) in MODEL_BACKED and CASES_RUN.get(case.operation.label, 0) >= MODEL_EXAMPLES:
        return
    CASES_RUN[case.operation.label] = CASES_RUN.get(case.operation.label, 0) + 1
    # A negative case that drops or mangles the Authorization header is not what the server sees:
    # the valid key below replaces it. Its other checks (no 5xx, documented responses) still run.
    replaced = case.meta is not None and case.meta.is_negative_at(ParameterLocation.HEADER)
    case.call_and_validate(headers={"Authorization": f"Bearer {fuzz_key}"},
                           excluded_checks=[negative_data_rejection] if replaced else None)


@pytest.fixture(scope="module", autouse=True)
def _report_cases(request):
    yield
    total = sum(CASES_RUN.values())
    print(f"\nschemathesis: {total} requests over {len(CASES_RUN)} operations")  # shown with -s / -rP
