"""manage.py audit_verify: walk the whole chain, then hold it against the signed checkpoint kept
outside the database; non-zero exit at the first broken or missing link, or a missing tail."""

from django.core.management.base import BaseCommand, CommandError

from server.audit.checkpoints import read_checkpoint, verify_chain_anchored


class Command(BaseCommand):
    help = ("Recompute every audit event's hash in order and report the first broken, missing or reordered "
            "link; then check the chain still holds the last signed checkpoint (a cut-off tail).")

    def handle(self, *args, **options):
        status = verify_chain_anchored()
        if not status.ok:
            raise CommandError(f"audit chain BROKEN after event {status.verified_up_to}: {status.problem}")
        checkpoint = read_checkpoint()
        anchored = (f"; holds the checkpoint of {checkpoint.written_at} (event {checkpoint.seq})" if checkpoint
                    else "; no checkpoint written yet (manage.py audit_checkpoint)")
        self.stdout.write(f"audit chain OK: {status.verified_up_to} events, head {status.head_hash}{anchored}")
