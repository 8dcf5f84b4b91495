"""Quick-start setup: service keys, a demo staff user and a fresh API key (printed)."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from server.apikeys.services import apikey_create
from server.audit.services import Actor
from server.core.services import service_keys_ensure


class Command(BaseCommand):
    help = "Create service keys if missing, a demo staff user and an API key for it."

    def add_arguments(self, parser):
        parser.add_argument("--user", default=os.environ.get("DEMO_USER", "demo"))
        parser.add_argument("--scopes", default="generate,moderate,verify,audit:read")

    def handle(self, *args, **options):
        keys = service_keys_ensure()
        self.stdout.write(f"C2PA signer: {keys['signer']} (certificate sha256 {keys['certificate_sha256'][:16]}…)")
        User = get_user_model()
        user, created = User.objects.get_or_create(username=options["user"], defaults={"is_staff": True})
        if created:
            password = os.environ.get("DEMO_PASSWORD") or secrets.token_urlsafe(12)
            user.set_password(password)
            user.is_staff = user.is_superuser = True
            user.save()
            bind = os.environ.get("BIND", "127.0.0.1:8000")
            self.stdout.write(f"Dashboard: http://{bind}/dashboard/  user {user.username}  password {password}")
        else:
            self.stdout.write(f"Dashboard user {user.username} exists (password unchanged).")
        issued = apikey_create(owner=user, scopes=options["scopes"], name="quickstart",
                               actor=Actor.system("bootstrap"))
        self.stdout.write("API key (shown once):")
        self.stdout.write(issued.secret)
