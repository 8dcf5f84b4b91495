"""WSGI entry point (gunicorn server.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "server.settings")
application = get_wsgi_application()

# Import every view now (they pull in torch and the model registry), then move the ~0.5 M objects
# of startup into the permanent generation: a full garbage collection walks them otherwise, about
# 0.7 s with every request waiting (the p99 of the API). Objects made later are collected as usual.
_views = get_resolver().url_patterns
gc.collect()
gc.freeze()
