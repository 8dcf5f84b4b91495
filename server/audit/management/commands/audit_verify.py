"""manage.py audit_verify: walk the whole chain; non-zero exit at the first broken or missing link."""

from django.core.management.base import BaseCommand, CommandError

from server.audit.services import verify_chain


class Command(BaseCommand):
    help = "Recompute every audit event's hash in order and report the first broken, missing or reordered link."

    def handle(self, *args, **options):
        status = verify_chain()
        if not status.ok:
            raise CommandError(f"audit chain BROKEN after event {status.verified_up_to}: {status.problem}")
        self.stdout.write(f"audit chain OK: {status.verified_up_to} events, head {status.head_hash}")
