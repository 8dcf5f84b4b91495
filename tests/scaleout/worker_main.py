"""`celery` with an optional pause at the start of each pipeline run, so a test can kill it mid-generation.

SCALEOUT_PAUSE_SECONDS=N: once a run has committed both verdicts and stored the image and manifest files
(but before the artifact row and the final status), write SCALEOUT_PAUSE_MARKER and sleep N seconds.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "server.settings")

import django  # noqa: E402

django.setup()
pause = float(os.environ.get("SCALEOUT_PAUSE_SECONDS", "0"))
if pause:
    from server.generations import pipeline

    original = pipeline._save_replacing

    def _save_then_pause(name, content):
        key = original(name, content)
        if name.endswith(".c2pa"):  # verdicts committed, both files stored, no artifact row yet
            Path(os.environ["SCALEOUT_PAUSE_MARKER"]).write_text(key)
            time.sleep(pause)
        return key

    pipeline._save_replacing = _save_then_pause

from celery.__main__ import main  # noqa: E402

sys.argv = ["celery", *sys.argv[1:]]
sys.exit(main())
