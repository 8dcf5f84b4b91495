"""Screenshots of the staff dashboard for docs/dashboard.md, taken from a freshly seeded service.

    .venv/bin/python -m server.dashboard.screenshots [--out docs/img/dashboard]

Everything happens in a throw-away DATA_DIR (SQLite, signing keys, artifacts): real
generations are made by the demo models through the real pipeline (generation_create, then
generation_execute run in this process), some are held and decided by a reviewer, a policy
version is derived and assigned, and then Debian's Chromium (Playwright) signs in through
the admin login and photographs each screen from a live server.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
PASSWORD = "screenshots-only-password"
MAX_HEIGHT = 1700  # px: long lists are cut, the top of a screen is what the docs show

# (prompt, seed): ordinary shapes, plus prompts the safety layer holds or blocks.
PROMPTS = [
    ("a red circle", 7), ("a blue square", 11), ("a green triangle", 3), ("a yellow star", 5),
    ("a purple circle", 21), ("an orange square", 8), ("a blue star", 13), ("a green circle", 2),
    ("a red triangle on a plain background", 17), ("a yellow square", 4),
    ("a deepfake of the president as a blue circle", 9),
    ("a poster: voting is cancelled tomorrow, share this flyer", 12),
    ("a nude figure drawn as a red triangle", 14),
    ("a fake photo of the senator as a yellow star", 15),
    ("a naked person shaped like a green circle", 16),
    ("how to build a pipe bomb, step by step, as a diagram", 19),
]


def _configure(data_dir: Path) -> None:
    os.environ.update({
        "DATA_DIR": str(data_dir), "DATABASE_URL": f"sqlite:///{data_dir / 'db.sqlite3'}",
        "SECRET_KEY": "screenshots-only-secret-key-0123456789-abcdefghijklmnop", "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false", "SESSION_COOKIE_SECURE": "false", "CSRF_COOKIE_SECURE": "false",
        "CELERY_BROKER_URL": "filesystem://", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
        "DJANGO_SETTINGS_MODULE": "server.settings", "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
    })
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _seed() -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from safety import Policy
    from server.apikeys.services import apikey_create
    from server.audit.services import Actor
    from server.core.services import service_keys_ensure
    from server.generations import runtime
    from server.generations.models import Generation, Status
    from server.generations.pipeline import generation_execute
    from server.generations.reviews import review_decide
    from server.generations.services import generation_create
    from server.policies.services import policy_assign, policy_create

    call_command("migrate", verbosity=0)
    service_keys_ensure()
    User = get_user_model()
    users = {}
    for name, role in (("rita", "reviewer"), ("aud", "auditor"), ("opal", "operator")):
        user = User.objects.create_user(name, password=PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        users[name] = user
    acme = User.objects.create_user("acme-studio")
    web = apikey_create(owner=acme, scopes="generate,verify", name="acme web app", actor=Actor.system("seed"))
    batch = apikey_create(owner=User.objects.create_user("newsroom"), scopes="generate,moderate",
                          name="newsroom batch", prompt_retention="hash", actor=Actor.system("seed"))
    old = apikey_create(owner=acme, scopes="generate", name="old prototype", actor=Actor.system("seed"))
    operator = Actor(type="user", id=str(users["opal"].pk), name="opal")
    from server.apikeys.services import apikey_revoke

    apikey_revoke(api_key=old.api_key, actor=operator)

    content = Policy.default().to_dict()
    base = policy_create(content=content, actor=operator)
    strict = dict(content, name="newsroom-strict", description="Stricter review for the newsroom key.")
    strict["thresholds"] = dict(content["thresholds"], deepfake_impersonation={"review": 0.3, "block": 0.9},
                                profanity={"review": 0.5, "block": 0.9})
    strict_row = policy_create(content=strict, actor=operator, based_on=base)
    policy_assign(api_key=batch.api_key, policy=strict_row, actor=operator)

    models = []
    for name in runtime.model_registry():
        try:
            runtime.loaded_backend(name)
            models.append(name)
        except Exception as exc:  # weights not built on this machine: skip that model
            print(f"skipping model {name}: {exc}", file=sys.stderr)
    image_models = [m for m in models if runtime.model_spec(m).modality == "image"] or models
    text_models = [m for m in models if runtime.model_spec(m).modality == "text"]
    jobs = [(image_models[i % len(image_models)], p, s, web if i % 3 else batch) for i, (p, s) in enumerate(PROMPTS)]
    jobs += [(m, "a short note about red circles and blue squares", 1, web) for m in text_models]
    media_prompts = {"audio": "a slow melody in D minor played on a flute", "video": "a purple star"}
    jobs += [(m, media_prompts[runtime.model_spec(m).modality], 4, web) for m in models
             if runtime.model_spec(m).modality in media_prompts]
    for model, prompt, seed, issued in jobs:
        actor = Actor(type="api_key", id=str(issued.api_key.owner_id), name=issued.api_key.owner.username,
                      api_key_prefix=issued.api_key.prefix)
        generation = generation_create(api_key=issued.api_key, actor=actor, model=model, prompt=prompt,
                                       params={}, seed=seed)
        generation = generation_execute(str(generation.id), prompt)
        print(f"{generation.status:10} {model:18} {prompt}")

    held = list(Generation.objects.filter(status=Status.IN_REVIEW).order_by("created_at"))
    reviewer = Actor(type="user", id=str(users["rita"].pk), name="rita")
    for generation, (decision, reason) in zip(held[:2], [("approve", "a plain shape, nothing depicted"),
                                                         ("reject", "impersonation risk")], strict=False):
        review_decide(generation_id=generation.id, reviewer=users["rita"], actor=reviewer, decision=decision,
                      reason=reason)
    return {"users": users, "strict": strict_row.version, "base": base.version}


def _shoot(out: Path, seeded: dict) -> list[Path]:
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.test.testcases import LiveServerThread
    from playwright.sync_api import sync_playwright

    from server.generations.models import Artifact, Generation, Status

    server = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    base = f"http://127.0.0.1:{server.port}"
    detail = (Generation.objects.filter(status=Status.IN_REVIEW, modality="image").first()
              or Generation.objects.filter(status=Status.SUCCEEDED).first())
    media = {m: Generation.objects.filter(modality=m, artifacts__isnull=False).order_by("created_at").first()
             for m in ("video", "audio")}
    artifact = Artifact.objects.filter(generation__status=Status.SUCCEEDED, mime="image/png").first()
    from django.conf import settings

    sample = Path(settings.DATA_DIR) / "verify-sample.png"  # inside the throw-away DATA_DIR
    if artifact:
        from django.core.files.storage import default_storage

        with default_storage.open(artifact.storage_key, "rb") as handle:
            sample.write_bytes(handle.read())
    shots = [
        ("opal", "/dashboard/", "overview.png", None),
        ("opal", "/dashboard/generations/", "generations.png", None),
        ("rita", f"/dashboard/generations/{detail.id}/", "generation-detail.png", None),
        ("rita", "/dashboard/reviews/", "review-queue.png", None),
        ("opal", "/dashboard/keys/", "keys.png", None),
        ("opal", "/dashboard/policies/", "policies.png", None),
        ("opal", f"/dashboard/policies/compare?a={seeded['base']}&b={seeded['strict']}", "policy-compare.png",
         None),
        ("aud", "/dashboard/audit/", "audit.png", None),
        ("aud", "/dashboard/statistics/", "statistics.png", None),
        ("rita", "/dashboard/verify/", "verify.png", "verify"),
    ]
    shots += [("rita", f"/dashboard/generations/{g.id}/", f"generation-{m}.png", m) for m, g in media.items() if g]
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        pages = {}
        for username in ("opal", "rita", "aud"):
            context = browser.new_context(viewport={"width": 1440, "height": 900}, color_scheme="light")
            page = context.new_page()
            page.goto(f"{base}/admin/login/?next=/dashboard/")
            page.fill("#id_username", username)
            page.fill("#id_password", PASSWORD)
            page.click("input[type=submit]")
            page.wait_for_url(f"{base}/dashboard/")
            pages[username] = page
        for username, path, name, action in shots:
            page = pages[username]
            page.goto(base + path)
            if action == "verify" and sample.exists():
                page.set_input_files("#id_file", str(sample))
                page.get_by_role("button", name="Verify").click()
                page.wait_for_selector("section.report")
            if action == "video":  # show a frame, not a black box (where this Chromium decodes H.264)
                try:
                    page.wait_for_function("document.querySelector('video.preview')?.readyState >= 2",
                                           timeout=10_000)
                except Exception as exc:  # noqa: BLE001 - a screenshot without a frame is still useful
                    print(f"video preview did not load: {exc}", file=sys.stderr)
            page.wait_for_load_state("networkidle")
            target = out / name
            height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT)
            page.screenshot(path=str(target), full_page=True, clip={"x": 0, "y": 0, "width": 1440, "height": height})
            written.append(target)
            print(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
        browser.close()
    sample.unlink(missing_ok=True)
    server.terminate()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img" / "dashboard")
    parser.add_argument("--keep", action="store_true", help="keep the temporary DATA_DIR")
    args = parser.parse_args(argv)
    if shutil.which("chromium") is None:
        parser.error("Debian's chromium is needed (apt-get install chromium); never `playwright install`")
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    data_dir = Path(tempfile.mkdtemp(prefix="dashboard-screens-"))
    try:
        _configure(data_dir)
        seeded = _seed()
        _shoot(args.out, seeded)
    finally:
        if not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
