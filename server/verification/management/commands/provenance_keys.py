"""manage.py provenance_keys init|show: the C2PA signing identity and the watermark key."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from provenance import IdentityError
from server.core.services import service_keys_ensure
from server.generations import runtime


class Command(BaseCommand):
    help = ("init: create the development CA, signing certificate and watermark key if missing (idempotent); "
            "show: print the identity in use and where its files are.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["init", "show"])

    def handle(self, *args, **options):
        try:
            if options["action"] == "init":
                if settings.C2PA_CERT_FILE:
                    raise CommandError("C2PA_CERT_FILE is set: the operator's certificate is used, nothing to create")
                service_keys_ensure()
            identity = runtime.signing_identity()
        except IdentityError as exc:
            raise CommandError(f"signing identity unusable: {exc}") from exc
        where = settings.C2PA_CERT_FILE or str(runtime.signing_identity_dir())
        self.stdout.write(f"signer: {identity.signer_name}")
        self.stdout.write(f"certificate sha256: {identity.certificate_fingerprint}")
        self.stdout.write(f"files: {where}")
        self.stdout.write("trust anchor (give this to verifiers):")
        self.stdout.write(identity.trust_anchors_pem.decode())
