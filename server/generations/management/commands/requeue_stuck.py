"""manage.py requeue_stuck: requeue (or fail) generations stuck in `running` past GENERATION_STUCK_SECONDS."""

from django.conf import settings
from django.core.management.base import BaseCommand

from server.audit.services import Actor
from server.generations.stuck import requeue_stuck


class Command(BaseCommand):
    help = ("Requeue generations running longer than GENERATION_STUCK_SECONDS while attempts < "
            "GENERATION_MAX_ATTEMPTS; fail the others with a reason. Also runs from Celery beat.")

    def add_arguments(self, parser):
        parser.add_argument("--stuck-seconds", type=int, default=settings.GENERATION_STUCK_SECONDS)
        parser.add_argument("--max-attempts", type=int, default=settings.GENERATION_MAX_ATTEMPTS)
        parser.add_argument("--dry-run", action="store_true", help="Only list what would be done.")

    def handle(self, *args, **options):
        result = requeue_stuck(actor=Actor.system("requeue_stuck"), stuck_seconds=options["stuck_seconds"],
                               max_attempts=options["max_attempts"], dry_run=options["dry_run"])
        verb = "would requeue" if options["dry_run"] else "requeued"
        self.stdout.write(f"{verb} {len(result.requeued)} and "
                          f"{'would fail' if options['dry_run'] else 'failed'} {len(result.failed)} stuck generations")
        for generation_id in result.requeued:
            self.stdout.write(f"requeue {generation_id}")
        for generation_id in result.failed:
            self.stdout.write(f"fail {generation_id}")
