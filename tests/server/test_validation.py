"""Bad input: the right 4xx, the one error shape, a message that says what to fix, nothing stored."""

import json

import pytest

from server.generations.models import Generation

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(make_client, make_key):
    return make_client(make_key().secret)


def _post(client, body, **kwargs):
    return client.post("/api/v1/generations", body, format="json", **kwargs)


@pytest.mark.parametrize(
    ("body", "code", "needle"),
    [
        ({"model": "no-such-model", "prompt": "a cat"}, "unknown_model", "shapes-diffusion"),
        ({"model": "shapes-diffusion", "prompt": ""}, "invalid_request", "prompt"),
        ({"model": "shapes-diffusion", "prompt": "   "}, "invalid_request", "prompt"),
        ({"model": "shapes-diffusion", "prompt": "x" * 2001}, "invalid_request", "2000"),
        ({"model": "shapes-diffusion"}, "invalid_request", "prompt"),
        ({"prompt": "a cat"}, "invalid_request", "model"),
        ({"model": "shapes-diffusion", "prompt": 42}, "invalid_request", "prompt"),
        ({"model": ["shapes-diffusion"], "prompt": "a cat"}, "invalid_request", "model"),
        ({"model": "shapes-diffusion", "prompt": "a cat", "params": [1, 2]}, "invalid_request", "params"),
        ({"model": "shapes-diffusion", "prompt": "a cat", "seed": "abc"}, "invalid_request", "seed"),
        ({"model": "shapes-diffusion", "prompt": "a cat", "seed": -1}, "invalid_request", "seed"),
        ({"model": "shapes-diffusion", "prompt": "a cat", "seed": "7"}, "invalid_request", "seed"),
        ({"model": "shapes-diffusion", "prompt": "a cat", "seed": True}, "invalid_request", "seed"),
        ({"model": "shapes-diffusion", "prompt": "a cat", "seed": 7.5}, "invalid_request", "seed"),
        ({"model": "shapes-diffusion", "prompt": "a cat", "colour": "red"}, "invalid_request", "colour"),
        ({"model": "shapes-diffusion", "prompt": "a cat", "params": {"steps": 1000}}, "invalid_parameters", "100"),
        ({"model": "shapes-diffusion", "prompt": "a cat", "params": {"steps": "many"}}, "invalid_parameters", "steps"),
        ({"model": "shapes-diffusion", "prompt": "a cat", "params": {"size": 100}}, "invalid_parameters", "size"),
        ({"model": "shapes-diffusion", "prompt": "a cat", "params": {"wings": 2}}, "invalid_parameters", "wings"),
    ],
)
def test_bad_generation_requests_are_400(client, body, code, needle):
    response = _post(client, body)
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == code
    assert needle in error["message"] + str(error["details"])
    assert Generation.objects.count() == 0


@pytest.mark.parametrize("url", [
    "/api/v1/generations?model=%00",
    "/api/v1/audit/events?actor_name=a%00b",
    "/api/v1/audit/events?object_id=%00",
    "/api/v1/manifests/urn:c2pa:%00",
    "/dashboard/policies/%00/",
])
def test_nul_in_the_url_is_400_not_a_database_error(make_client, make_key, url):
    """PostgreSQL refuses NUL in text: a lookup with one used to end in a 500."""
    client = make_client(make_key(scopes="generate,verify,audit:read").secret)
    response = client.get(url)
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert response.json()["error"]["code"] == "invalid_request"


def test_an_unstorable_prompt_is_refused_by_the_service_itself(make_key):
    """Every entry point (API, OpenAI surface, dashboard tools) goes through generation_create."""
    from server.audit.services import Actor
    from server.common.errors import ApiError
    from server.generations.services import generation_create

    issued = make_key()
    with pytest.raises(ApiError) as refused:
        generation_create(api_key=issued.api_key, actor=Actor.system("test"), model="tiny-lm",
                          prompt="hello\x00world", params={}, seed=1)
    assert refused.value.details == {"field": "prompt"}
    with pytest.raises(ApiError, match="U\\+DFFF"):
        generation_create(api_key=issued.api_key, actor=Actor.system("test"), model="tiny-lm",
                          prompt="hello \udfff", params={}, seed=1)
    with pytest.raises(ApiError) as bad_param:
        generation_create(api_key=issued.api_key, actor=Actor.system("test"), model="tiny-lm",
                          prompt="hello", params={"stop": ["\x00"]}, seed=1)
    assert bad_param.value.details == {"field": "params.stop"}
    assert Generation.objects.count() == 0


@pytest.mark.parametrize(("body", "param"), [
    ({"messages": [{"role": "user", "content": "hi\u0000"}]}, "messages"),
    ({"messages": [{"role": "user", "content": [{"type": "text", "text": "hi\u0000"}]}]}, "messages"),
    ({"messages": [{"role": "user", "content": "hi"}], "stop": ["\u0000"]}, "stop"),
    ({"messages": [{"role": "user", "content": "hi \ud800"}]}, "messages"),
])
def test_unstorable_text_in_a_chat_request_is_400(client, body, param):
    body = json.dumps({"model": "tiny-lm", **body})  # escaped, as a client sends a lone surrogate
    response = client.post("/v1/chat/completions", data=body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert response.json()["error"]["param"] == param
    assert Generation.objects.count() == 0


@pytest.mark.parametrize("url", ["/api/v1/moderations", "/v1/moderations"])
def test_a_lone_surrogate_in_a_moderation_text_is_400(make_client, make_key, url):
    """JSON can spell "\\ud800"; UTF-8 cannot encode it, so the audit hash used to fail with a 500."""
    client = make_client(make_key(scopes="moderate").secret)
    response = client.post(url, data='{"input": ["fine", "a \\ud800 cat"]}', content_type="application/json")
    assert response.status_code == 400, response.content
    assert "U+D800" in response.json()["error"]["message"]


def test_text_models_take_longer_prompts_than_image_models(client):
    """One limit per modality, applied by the service, whichever surface the prompt came through."""
    assert _post(client, {"model": "tiny-lm", "prompt": "x" * 5000}).status_code == 202
    too_long = _post(client, {"model": "tiny-lm", "prompt": "x" * 8001})
    assert too_long.status_code == 400 and "8000" in too_long.json()["error"]["message"]
    image = client.post("/v1/images/generations", {"model": "shapes-diffusion", "prompt": "x" * 3000}, format="json")
    assert image.status_code == 400 and "2000" in image.json()["error"]["message"]
    assert image.json()["error"]["param"] == "prompt"
    chat = client.post("/v1/chat/completions", {"model": "tiny-lm", "messages": [
        {"role": "system", "content": "x" * 4000}, {"role": "user", "content": "y" * 4000}]}, format="json")
    assert chat.status_code == 400 and chat.json()["error"]["param"] == "messages"
    completion = client.post("/v1/completions", {"model": "tiny-lm", "prompt": "x" * 8001}, format="json")
    assert completion.status_code == 400 and completion.json()["error"]["param"] == "prompt"
    assert Generation.objects.count() == 1


def test_a_chat_parameter_error_names_the_field_the_client_sent(client):
    body = {"model": "tiny-lm", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 10**6}
    error = client.post("/v1/chat/completions", body, format="json").json()["error"]
    assert error["param"] == "max_tokens" and error["message"].startswith("max_tokens must be")


def test_forged_cursor_is_404_not_a_database_error(make_client, make_key):
    """A cursor decodes to any text; a position that is not a value of the ordering field (seq,
    created_at) used to reach the query and fail there."""
    import base64

    client = make_client(make_key(scopes="generate,audit:read").secret)
    for url, position in (("/api/v1/audit/events", "2026-01-01"), ("/api/v1/audit/events", "9" * 30),
                          ("/api/v1/generations", "9" * 30)):
        cursor = base64.b64encode(f"p={position}".encode()).decode()
        response = client.get(url, {"cursor": cursor})
        assert response.status_code == 404, (url, position, response.content)
        assert "cursor" in response.json()["error"]["message"]


def test_malformed_json_is_400(client):
    response = client.post("/api/v1/generations", data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


def test_body_that_is_not_an_object_is_400(client):
    response = client.post("/api/v1/generations", data="[1, 2]", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_request"


def test_wrong_content_type_is_415(client):
    response = client.post("/api/v1/generations", data="model=x", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"


def test_unknown_status_filter_is_400(client):
    response = client.get("/api/v1/generations?status=exploded")
    assert response.status_code == 400
    assert "succeeded" in response.json()["error"]["message"]


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("url", ["/api/v1/nothing-here", "/api/v1/generations/", "/v1/embeddings", "/v1/models/"])
def test_unknown_route_is_json_404(client, settings, debug, url):
    settings.DEBUG = debug  # bin/serve runs with DEBUG on, where Django answers with its HTML debug page
    response = client.get(url)
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert error["code"] == "not_found"
    if url.startswith("/v1/"):  # OpenAI's shape, so its clients raise NotFoundError
        assert error == {"message": "No such resource.", "type": "invalid_request_error", "param": None,
                         "code": "not_found"}


def test_a_chunked_body_is_411_not_an_empty_body(client):
    # Django reads Content-Length bytes; a chunked body would silently be "model: required".
    response = client.generic("POST", "/api/v1/generations", b"", content_type="application/json",
                              HTTP_TRANSFER_ENCODING="chunked")
    assert response.status_code == 411
    assert response.json()["error"]["code"] == "length_required"
    openai_style = client.generic("POST", "/v1/chat/completions", b"", content_type="application/json",
                                  HTTP_TRANSFER_ENCODING="chunked")
    assert openai_style.status_code == 411 and openai_style.json()["error"]["type"] == "invalid_request_error"
    assert not Generation.objects.exists()


def test_a_prompt_is_kept_exactly_as_sent(client):
    # Leading and trailing whitespace is part of a text model's prompt ("def foo():\n    ").
    response = _post(client, {"model": "tiny-lm", "prompt": "def foo():\n    "})
    assert response.status_code == 202, response.json()
    assert Generation.objects.get(pk=response.json()["id"]).prompt == "def foo():\n    "


def test_a_bad_offset_says_what_is_allowed(make_client, make_key):
    client = make_client(make_key(scopes="review").secret)
    response = client.get("/api/v1/reviews?offset=-1")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "offset must be an integer of at least 0"


@pytest.mark.parametrize(("field", "value"), [
    ("tools", [{"type": "function", "function": {"name": "f", "parameters": {}}}]),
    ("response_format", {"type": "json_object"}),
    ("logprobs", True),
    ("top_logprobs", 3),
    ("tool_choice", "required"),
    ("logit_bias", {"50256": -100}),
])
def test_openai_features_the_service_lacks_are_refused_not_ignored(client, field, value):
    body = {"model": "tiny-lm", "messages": [{"role": "user", "content": "hi"}], field: value}
    response = client.post("/v1/chat/completions", body, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["param"] == field and "not supported" in error["message"]
    assert not Generation.objects.exists()


@pytest.mark.parametrize(("field", "value"), [("echo", True), ("best_of", 3), ("suffix", "}")])
def test_completion_features_the_service_lacks_are_refused(client, field, value):
    response = client.post("/v1/completions", {"model": "tiny-lm", "prompt": "x", field: value}, format="json")
    assert response.status_code == 400 and response.json()["error"]["param"] == field


def test_openai_defaults_of_unsupported_features_pass(client, settings):
    # Client libraries send these at their defaults; that is not a request for the feature.
    settings.OPENAI_WAIT_SECONDS = 0.1  # no worker runs here: the call is queued, then times out
    body = {"model": "tiny-lm", "messages": [{"role": "user", "content": "hi"}], "tools": [],
            "tool_choice": "none", "response_format": {"type": "text"}, "logprobs": False,
            "presence_penalty": 0, "frequency_penalty": 0}
    response = client.post("/v1/chat/completions", body, format="json")
    assert response.status_code == 504, response.json()
    assert Generation.objects.count() == 1


def test_an_openai_size_error_speaks_in_openai_sizes(client):
    response = client.post("/v1/images/generations", {"model": "shapes-diffusion", "prompt": "a cat",
                                                      "size": "1024x1024"}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["param"] == "size" and error["message"] == "size must be a square 'WxH' from 256x256 to 512x512"


def test_bad_uuid_is_404(client):
    assert client.get("/api/v1/generations/not-a-uuid").status_code == 404


def test_accepted_request_is_queued_with_audit(client):
    response = _post(client, {"model": "shapes-diffusion", "prompt": "a blue square", "seed": 3})
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "queued"
    assert response["Location"].endswith(body["id"])
    generation = Generation.objects.get(pk=body["id"])
    assert generation.params["steps"] == 25  # defaults applied and recorded
    assert generation.seed == 3
    from server.audit.models import AuditEvent

    assert AuditEvent.objects.filter(object_id=body["id"], event_type="generation.requested").exists()


def test_a_held_openai_call_names_every_held_generation():
    import uuid

    from server.generations.models import Status
    from server.openai_compat.errors import OpenAIError
    from server.openai_compat.waiting import raise_for_outcome

    held = [Generation(id=uuid.uuid4(), status=Status.IN_REVIEW) for _ in range(2)]
    with pytest.raises(OpenAIError) as error:  # n=2: the client can only find them by these ids
        raise_for_outcome([held[0], Generation(id=uuid.uuid4(), status=Status.SUCCEEDED), held[1]])
    assert error.value.error_code == "output_held_for_review"
    assert all(str(g.id) in str(error.value.detail) for g in held)
