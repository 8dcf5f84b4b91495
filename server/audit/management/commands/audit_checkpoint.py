"""manage.py audit_checkpoint: sign the chain's head into artifact storage (see server.audit.checkpoints)."""

from django.core.management.base import BaseCommand, CommandError

from server.audit.checkpoints import write_checkpoint


class Command(BaseCommand):
    help = "Write a signed checkpoint of the audit chain's head outside the database (it only moves forward)."

    def handle(self, *args, **options):
        result = write_checkpoint()
        if result["problem"]:
            raise CommandError(f"checkpoint NOT written: {result['problem']}")
        verb = "wrote" if result["written"] else "unchanged:"
        self.stdout.write(f"{verb} checkpoint at event {result['seq']} ({result['hash']})")
