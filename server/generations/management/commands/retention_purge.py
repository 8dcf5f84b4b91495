"""manage.py retention_purge: delete content past ARTIFACT_RETENTION_DAYS / PROMPT_RETENTION_DAYS."""

from django.conf import settings
from django.core.management.base import BaseCommand

from server.audit.services import Actor
from server.generations.retention import retention_purge


class Command(BaseCommand):
    help = "Delete artifact bytes and prompt texts older than the retention periods; hashes and the chain stay."

    def add_arguments(self, parser):
        parser.add_argument("--artifact-days", type=int, default=settings.ARTIFACT_RETENTION_DAYS)
        parser.add_argument("--prompt-days", type=int, default=settings.PROMPT_RETENTION_DAYS)
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be purged.")

    def handle(self, *args, **options):
        result = retention_purge(artifact_days=options["artifact_days"], prompt_days=options["prompt_days"],
                                 actor=Actor.system("retention_purge"), dry_run=options["dry_run"])
        verb = "would purge" if options["dry_run"] else "purged"
        self.stdout.write(f"{verb} {result.artifacts} artifacts and {result.prompts} prompts")
