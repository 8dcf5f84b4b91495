"""manage.py audit_export --out DIR [--since] [--until] [--format]: a signed bundle for auditors."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime

from server.audit.exports import FORMATS, export_record, write_bundle
from server.audit.services import Actor
from server.common.errors import ApiError
from server.generations import runtime


def _time(value: str | None):
    if not value:
        return None
    parsed = parse_datetime(value)
    if parsed is None or parsed.tzinfo is None:
        raise CommandError(f"{value!r} is not an ISO 8601 date-time with a time zone (e.g. 2026-01-31T00:00:00Z)")
    return parsed


class Command(BaseCommand):
    help = "Write audit events and a signed manifest into a folder that can be verified offline."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="Folder to write the bundle into.")
        parser.add_argument("--since", help="ISO 8601 time (inclusive).")
        parser.add_argument("--until", help="ISO 8601 time (exclusive).")
        parser.add_argument("--format", default="jsonl", choices=FORMATS)

    def handle(self, *args, **options):
        since, until = _time(options["since"]), _time(options["until"])
        out = Path(options["out"])
        try:
            manifest = write_bundle(out, since=since, until=until, fmt=options["format"],
                                    identity=runtime.signing_identity())
        except ApiError as exc:
            raise CommandError(str(exc.detail)) from exc
        # Recorded once the bundle exists (a refused export took nothing); the next bundle holds it.
        export_record(actor=Actor.system("audit_export"), fmt=options["format"], since=since, until=until,
                      channel="command")
        self.stdout.write(f"wrote {manifest['event_count']} events to {options['out']} "
                          f"(data sha256 {manifest['data_sha256']}, last hash {manifest['last_hash']})")
