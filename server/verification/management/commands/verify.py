"""manage.py verify FILE [--sidecar F]: the same report as POST /api/v1/verify."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from server.verification.services import UnverifiableContent, content_verify


class Command(BaseCommand):
    help = "Check a file for this service's C2PA manifest and watermark, and find its record."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--sidecar", help="Detached .c2pa manifest of the file.")

    def handle(self, *args, **options):
        try:
            data = Path(options["file"]).read_bytes()
            sidecar = Path(options["sidecar"]).read_bytes() if options["sidecar"] else None
            report = content_verify(data, sidecar)
        except (OSError, UnverifiableContent) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(report.verdict)
        self.stdout.write(json.dumps(report.to_dict(), indent=2))
