"""manage.py safety_eval FILE.jsonl [...] [--context text|image] [--json]: the prompt path on labelled data."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safety.evaluate import evaluate_files
from server.generations import runtime

KEYS = ("n", "tp", "fp", "tn", "fn", "precision", "recall", "fpr", "f1", "auprc")


class Command(BaseCommand):
    help = ("Run the prompt scan exactly as the service does (default policy) over normalized JSONL files "
            "(text, unsafe true/false/null; nulls skipped); review or block counts as flagged.")

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")
        parser.add_argument("--context", default="text", choices=["text", "image", "audio", "video"])
        parser.add_argument("--json", action="store_true", help="One JSON object keyed by file name.")

    def handle(self, *args, **options):
        paths = [Path(f) for f in options["files"]]
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise CommandError(f"not found: {', '.join(missing)}")
        results = evaluate_files(paths, runtime.safety_engine(), options["context"])
        results = {name: {key: row.get(key) for key in KEYS} for name, row in results.items()}
        if options["json"]:
            self.stdout.write(json.dumps(results))
            return
        self.stdout.write("| file | " + " | ".join(KEYS) + " |")
        self.stdout.write("|---" * (len(KEYS) + 1) + "|")
        for name, row in results.items():
            cells = [f"{row[k]:.3f}" if isinstance(row[k], float) else str(row[k]) for k in KEYS]
            self.stdout.write(f"| {name} | " + " | ".join(cells) + " |")
