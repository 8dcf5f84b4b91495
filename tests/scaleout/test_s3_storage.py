"""Artifacts on S3-compatible storage (django-storages) against moto's server mode."""

import hashlib
import socket

import pytest
from django.test import override_settings

pytest.importorskip("storages", reason="django-storages[s3] is not installed")
boto3 = pytest.importorskip("boto3", reason="boto3 is not installed")
moto_server = pytest.importorskip("moto.server", reason="moto[server] is not installed")

BUCKET = "rgs-artifacts"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = _free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
                 aws_secret_access_key="test").create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


@pytest.fixture
def s3_storage(s3_endpoint, settings):
    storages = dict(settings.STORAGES)
    storages["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": BUCKET, "endpoint_url": s3_endpoint, "region_name": "us-east-1", "access_key": "test",
        "secret_key": "test", "location": "rgs", "default_acl": None, "file_overwrite": True}}
    with override_settings(STORAGES=storages):
        yield boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", aws_access_key_id="test",
                           aws_secret_access_key="test")


@pytest.fixture
def eager():
    from server.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


@pytest.mark.slow
def test_generation_stored_on_s3_downloads_and_verifies(s3_storage, eager, make_key_client):
    client = make_key_client
    response = client.post("/api/v1/generations", {"model": "shapes-diffusion", "prompt": "a yellow square",
                                                   "params": {"steps": 2}, "seed": 5}, format="json")
    assert response.status_code == 202, response.content
    body = client.get(f"/api/v1/generations/{response.json()['id']}").json()
    assert body["status"] == "succeeded", body
    (artifact,) = body["artifacts"]

    keys = [obj["Key"] for obj in s3_storage.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert f"rgs/generations/{body['id']}/0.png" in keys

    content = client.get(artifact["content_url"])
    assert content.status_code == 200
    data = b"".join(content.streaming_content)
    assert hashlib.sha256(data).hexdigest() == artifact["sha256"]

    from django.core.files.uploadedfile import SimpleUploadedFile

    report = client.post("/api/v1/verify", {"file": SimpleUploadedFile("x.png", data, "image/png")},
                         format="multipart")
    assert report.status_code == 200, report.content
    assert report.json()["record"]["generation_id"] == body["id"]
    assert report.json()["c2pa"]["state"] == "Trusted"


@pytest.fixture
def make_key_client(db):
    from django.contrib.auth import get_user_model
    from rest_framework.test import APIClient

    from server.apikeys.services import apikey_create

    user = get_user_model().objects.create(username="s3")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {apikey_create(owner=user, scopes='generate,verify').secret}")
    return client
