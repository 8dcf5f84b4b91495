"""The official openai client against a live server with a real Celery worker."""

import openai
import pytest

from tests.server.conftest import celery_worker_session, make_client, make_key  # noqa: F401 - shared fixtures


@pytest.fixture
def oai(live_server, celery_worker_session, make_key):  # noqa: F811
    issued = make_key("oai-user", scopes="generate,moderate")
    return openai.OpenAI(base_url=f"{live_server.url}/v1", api_key=issued.secret, max_retries=0, timeout=180)
