"""Fixtures for the staff dashboard: role users, held generations with stored images, a browser."""

from __future__ import annotations

import hashlib
import io
import os
import shutil

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from server.apikeys.services import apikey_create
from server.dashboard.roles import ensure_roles
from server.generations.models import Artifact, Generation, SafetyScan, SafetyVerdict, Status

# Playwright's sync API runs an event loop in the test thread; the tests still touch the DB there.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

PASSWORD = "dashboard-test-password-1"
ROLE_USERS = {"rita": "reviewer", "aud": "auditor", "opal": "operator"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def roles(db):
    """The role groups (the data migration made them; transactional tests flush them, so re-ensure)."""
    ensure_roles(apps)


@pytest.fixture
def make_staff(roles):
    def make(username: str, role: str | None = None, *, superuser: bool = False, staff: bool = True):
        user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=staff,
                                                    is_superuser=superuser)
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def staff(make_staff):
    """One user per role, plus a staff user with no role and a superuser."""
    users = {role: make_staff(name, role) for name, role in ROLE_USERS.items()}
    users["norole"] = make_staff("nobody")
    users["superuser"] = make_staff("root", superuser=True)
    return users


@pytest.fixture
def owner_key(db):
    user, _ = get_user_model().objects.get_or_create(username="client")
    return apikey_create(owner=user, scopes="generate", name="client app")


def png_bytes(colour=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), colour).save(buffer, format="PNG")
    return buffer.getvalue()


_watermark = iter(range(10_000_000, 20_000_000))


@pytest.fixture
def make_generation(owner_key):
    """A generation with verdicts and a stored PNG, held for review unless told otherwise."""

    def make(prompt: str = "a red circle", status: str = Status.IN_REVIEW, colour=(200, 30, 30),
             category: str = "nudity", score: float = 0.42, model: str = "shapes-diffusion",
             modality: str = "image", content: tuple[bytes, str, str] | None = None):
        wm = next(_watermark)
        generation = Generation.objects.create(
            owner=owner_key.api_key.owner, api_key=owner_key.api_key, model_name=model, family="diffusion",
            modality=modality, prompt=prompt, prompt_sha256=hashlib.sha256(prompt.encode()).hexdigest(),
            prompt_retention="full", params={"steps": 10}, seed=1, status=status, watermark_id=wm,
            policy_version="testpolicy", timings={"prompt_scan": 9.0, "generate": 800.0, "sign": 4.0},
        )
        SafetyVerdict.objects.create(generation=generation, stage="prompt", decision="allow", reasons=[],
                                     categories=[], policy_version="testpolicy")
        held = status == Status.IN_REVIEW
        verdict = SafetyVerdict.objects.create(
            generation=generation, stage="output", decision="review" if held else "allow",
            reasons=[f"{category} {score} >= review 0.35"] if held else [],
            categories=[category] if held else [], policy_version="testpolicy")
        SafetyScan.objects.create(verdict=verdict, scanner="nudity-image", version="1", status="scanned",
                                  scores={category: score}, duration_ms=21.0)
        data, mime, extension = content or (png_bytes(colour), "image/png", "png")
        key = default_storage.save(f"generations/{generation.id}/0.{extension}", ContentFile(data))
        artifact = Artifact.objects.create(generation=generation, storage_key=key, mime=mime, size=len(data),
                                           sha256=hashlib.sha256(data).hexdigest(), watermark_id=wm,
                                           watermark_alg="test", c2pa_state="Trusted",
                                           metadata={"quality": {"clip_score": 0.31}})
        return generation, artifact

    return make


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Debian's chromium is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def browser_settings(settings):
    """The live server speaks plain HTTP: cookies must not require TLS there."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.SECURE_SSL_REDIRECT = False
    return settings


@pytest.fixture
def login(browser, live_server, browser_settings):
    """A fresh browser page signed in through the Django admin login as ``username``."""
    contexts = []

    def sign_in(username: str, next_path: str = "/dashboard/"):
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(f"{live_server.url}/admin/login/?next={next_path}")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_load_state()
        return page

    yield sign_in
    for context in contexts:
        context.close()
