"""manage.py train_demo_models: train every demo model of the zoo (seeded, with progress bars)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from generation.zoo.train_all import train_all

DEFAULT_OUT = Path(__file__).resolve().parents[4] / "generation" / "zoo" / "weights"


class Command(BaseCommand):
    help = "Train the demo models (diffusion, GAN, VAE, text LM, adherence scorer) into generation/zoo/weights."

    def add_arguments(self, parser):
        parser.add_argument("--out", default=str(DEFAULT_OUT), help="Folder for the checkpoints.")
        parser.add_argument("--quick", action="store_true", help="Tiny versions in seconds (to check the code).")
        parser.add_argument("--only", nargs="*", help="Train only these models.")
        parser.add_argument("--seed", type=int, default=0)

    def handle(self, *args, **options):
        results = train_all(Path(options["out"]), quick=options["quick"], progress=True, seed=options["seed"],
                            only=options["only"] or None)
        for name, info in results.items():
            self.stdout.write(f"{name}: {info}")
