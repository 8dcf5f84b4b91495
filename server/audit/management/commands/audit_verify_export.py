"""manage.py audit_verify_export BUNDLE [--trust ROOT.pem | --bundle-root]: check a bundle offline.

A signature only proves something when the certificate chains to a root the checker already
trusts: a forger who rewrites the events can sign them with a root of their own and ship it
in the bundle. So the bundle is checked against ``--trust`` (a root obtained independently),
else this deployment's own root; ``--bundle-root`` uses the root inside the bundle and says
that the result is not anchored. No database is used.
"""

import tempfile
import zipfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from server.audit.exports import verify_bundle
from server.generations import runtime


class Command(BaseCommand):
    help = "Verify an audit export bundle (folder or .zip): signature, data hash, every event's hash chain."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("bundle", help="The bundle folder, or the .zip the dashboard gives.")
        anchor = parser.add_mutually_exclusive_group()
        anchor.add_argument("--trust", help="Root CA PEM you trust, obtained independently of the bundle "
                                            "(default: this deployment's root).")
        anchor.add_argument("--bundle-root", action="store_true",
                            help="Check against the bundle's own root-ca.pem: proves only that the bundle "
                                 "is self-consistent, not who signed it.")

    def handle(self, *args, **options):
        if options["trust"]:
            try:
                anchor, source = Path(options["trust"]).read_bytes(), options["trust"]
            except OSError as exc:
                raise CommandError(f"cannot read the trust anchor: {exc}") from exc
        elif options["bundle_root"]:
            anchor, source = None, None
        else:
            found = runtime.deployment_trust_anchors()
            if found is None:
                raise CommandError("no trust anchor: pass --trust ROOT.pem (a root you obtained "
                                   "independently, not the bundle's own root-ca.pem), or --bundle-root")
            anchor, source = found
        path = Path(options["bundle"])
        with tempfile.TemporaryDirectory() as unpacked:
            if path.is_file() and zipfile.is_zipfile(path):
                path = _unzip(path, Path(unpacked))
            if not path.is_dir():
                raise CommandError(f"{options['bundle']}: not a bundle folder or .zip")
            problems = verify_bundle(path, anchor)
        if problems:
            raise CommandError("bundle does NOT verify:\n  " + "\n  ".join(problems))
        if source is None:
            self.stdout.write("bundle is self-consistent (signature, data hash and hash chain), but NOT "
                              "anchored: it was checked against its own root-ca.pem, which a forger "
                              "could replace. Pass --trust ROOT.pem to prove who signed it.")
            return
        self.stdout.write(f"bundle verifies: signature chains to the trust anchor ({source}); data hash "
                          "and hash chain are intact")


def _unzip(archive: Path, into: Path) -> Path:
    """The bundle folder inside a dashboard .zip (one top-level folder holding manifest.json)."""
    with zipfile.ZipFile(archive) as zf:
        for name in zf.namelist():
            target = (into / name).resolve()
            if not target.is_relative_to(into.resolve()):
                raise CommandError(f"{archive}: unsafe path in the archive: {name}")
        zf.extractall(into)
    manifests = sorted(into.rglob("manifest.json"))
    if len(manifests) != 1:
        raise CommandError(f"{archive}: expected one manifest.json in the archive, found {len(manifests)}")
    return manifests[0].parent
