"""manage.py audit_verify_export DIR [--trust ROOT.pem]: check a bundle offline (no database used)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from server.audit.exports import verify_bundle


class Command(BaseCommand):
    help = "Verify an audit export bundle: signature, data hash, and every event's hash chain."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("bundle", help="The bundle folder.")
        parser.add_argument("--trust", help="Root CA PEM you trust (default: the bundle's root-ca.pem).")

    def handle(self, *args, **options):
        anchor = Path(options["trust"]).read_bytes() if options["trust"] else None
        problems = verify_bundle(Path(options["bundle"]), anchor)
        if problems:
            raise CommandError("bundle does NOT verify:\n  " + "\n  ".join(problems))
        self.stdout.write("bundle verifies: signature, data hash and hash chain are intact")
