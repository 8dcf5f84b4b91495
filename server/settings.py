"""Settings from the environment (12-factor).

Every knob an operator needs is an environment variable, documented in
docs/configuration.md. Defaults give the embedded, zero-service setup: SQLite,
a filesystem Celery broker and artifacts on local disk under DATA_DIR.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
DATA_DIR = Path(os.environ.get("DATA_DIR", BASE_DIR / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Development convenience: a random key that survives restarts.
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "server.core",
    "server.audit",
    "server.apikeys",
    "server.policies",
    "server.generations",
    "server.verification",
    "server.moderation",
    "server.dashboard",
    "server.openai_compat",
]
LOGIN_URL = "/admin/login/"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "server.common.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "server.urls"
WSGI_APPLICATION = "server.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

# --- Database -------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'db.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web and worker are separate processes: take the write lock up front and wait for it.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 30}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)

STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(DATA_DIR / "artifacts")},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# --- Security (secure unless DEBUG) ---------------------------------------------------
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("MAX_REQUEST_BYTES", str(2 * 1024 * 1024)))

# --- REST API -------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["server.apikeys.authentication.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "server.common.errors.api_exception_handler",
    "UNAUTHENTICATED_USER": None,
    "URL_FORMAT_OVERRIDE": None,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Responsible Generation Service API",
    "DESCRIPTION": (
        "Generate images (and more) that are safety-checked, watermarked, C2PA-signed "
        "and recorded in a tamper-evident audit trail."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- Celery ---------------------------------------------------------------------------
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://")
BROKER_DIR = DATA_DIR / "broker"
if CELERY_BROKER_URL.startswith("filesystem://"):
    for sub in ("queue", "processed", "control"):
        (BROKER_DIR / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_TIME_LIMIT = int(os.environ.get("GENERATION_TIME_LIMIT", "900"))
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 30
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# --- The service's own knobs ----------------------------------------------------------
MODEL_CACHE_SIZE = int(os.environ.get("MODEL_CACHE_SIZE", "4"))  # loaded models kept per worker process
# Dynamic batching (server/generations/batching.py): with a threaded worker pool, concurrent
# generations of one model share one backend call of up to this many requests, after waiting at
# most this long for the ones still on their way (never longer than needed; solo pools never wait).
# torch intra-op threads per process (workers; the web process for /api/v1/moderations). 1 by
# default: the safety scanners run in a thread pool, and every thread that runs torch gets its own
# OpenMP team; once teams outnumber the cores, GNU OpenMP stops spin-waiting and a 2-thread
# diffusion step becomes ~2x slower than a 1-thread one (measured: 858 vs 437 ms for the demo
# diffusion model on 2 cores). Scale a CPU deployment with worker processes. 0 = torch's default.
TORCH_NUM_THREADS = int(os.environ.get("TORCH_NUM_THREADS", "1"))
GENERATION_BATCH_MAX_SIZE = int(os.environ.get("GENERATION_BATCH_MAX_SIZE", "8"))
GENERATION_BATCH_WAIT_MS = float(os.environ.get("GENERATION_BATCH_WAIT_MS", "25"))
MODEL_REGISTRY = Path(os.environ.get("MODEL_REGISTRY", BASE_DIR / "generation" / "models.toml"))
SAFETY_POLICY = Path(os.environ.get("SAFETY_POLICY", BASE_DIR / "safety" / "policies" / "default.toml"))
KEYS_DIR = Path(os.environ.get("KEYS_DIR", DATA_DIR / "keys"))
WATERMARK_KEY = os.environ.get("WATERMARK_KEY", "")  # hex; generated into KEYS_DIR when empty
C2PA_ORGANIZATION = os.environ.get("C2PA_ORGANIZATION", "Responsible Generation Service")
C2PA_CERT_FILE = os.environ.get("C2PA_CERT_FILE", "")  # PEM chain, end-entity first; empty: self-made dev CA
C2PA_KEY_FILE = os.environ.get("C2PA_KEY_FILE", "")
C2PA_TRUST_ANCHORS_FILE = os.environ.get("C2PA_TRUST_ANCHORS_FILE", "")
C2PA_TSA_URL = os.environ.get("C2PA_TSA_URL", "") or None
ARTIFACT_RETENTION_DAYS = int(os.environ.get("ARTIFACT_RETENTION_DAYS", "0"))  # 0: keep forever
PROMPT_RETENTION_DAYS = int(os.environ.get("PROMPT_RETENTION_DAYS", "0"))
MAX_PROMPT_CHARS = int(os.environ.get("MAX_PROMPT_CHARS", "2000"))
MAX_TEXT_PROMPT_CHARS = int(os.environ.get("MAX_TEXT_PROMPT_CHARS", "8000"))  # text models: chat histories
OPENAI_WAIT_SECONDS = float(os.environ.get("OPENAI_WAIT_SECONDS", "120"))
OPENAI_URL_TTL = int(os.environ.get("OPENAI_URL_TTL", "3600"))  # lifetime of image `url`s, seconds
MAX_MODERATION_CHARS = int(os.environ.get("MAX_MODERATION_CHARS", "20000"))
SERVICE_NAME = os.environ.get("SERVICE_NAME", "responsible-generation-service")
VERIFY_MAX_BYTES = int(os.environ.get("VERIFY_MAX_BYTES", str(25 * 1024 * 1024)))
VERIFY_ALLOW_ANONYMOUS = env_bool("VERIFY_ALLOW_ANONYMOUS", False)
VERIFY_ANONYMOUS_RATE = os.environ.get("VERIFY_ANONYMOUS_RATE", "10/minute")

# --- Limits (security) ---
# Per-key limits (0 = unlimited); an ApiKey's own nullable fields override them.
API_RATE_LIMIT_PER_MINUTE = int(os.environ.get("API_RATE_LIMIT_PER_MINUTE", "600"))
API_DAILY_QUOTA = int(os.environ.get("API_DAILY_QUOTA", "1000"))  # generations per UTC day
# Authenticated key records are cached this long (0 = off); any change to a key or its owner drops
# the entry at once (in every process when CACHE_URL is a shared Redis).
API_KEY_CACHE_SECONDS = int(os.environ.get("API_KEY_CACHE_SECONDS", "60"))
API_MAX_CONCURRENT = int(os.environ.get("API_MAX_CONCURRENT", "16"))  # queued + running generations
UPLOAD_MAX_PIXELS = int(os.environ.get("UPLOAD_MAX_PIXELS", str(50_000_000)))  # checked before any decode
# Counters live in the cache: Redis when CACHE_URL is set (shared by all processes), else per process.
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {"default": ({"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
                      if CACHE_URL else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                         "LOCATION": "rgs-limits"})}
REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = ["server.apikeys.throttling.ApiKeyRateThrottle"]
# Outages (database down → 503) and oversized bodies (→ 413) answer JSON before anything else runs.
MIDDLEWARE.insert(MIDDLEWARE.index("server.common.middleware.RequestIdMiddleware") + 1,
                  "server.common.middleware.ResilienceMiddleware")
SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"] = ["drf_spectacular.hooks.postprocess_schema_enums",
                                                "server.common.openapi.postprocess"]
# The dashboard and admin: cookies out of reach of scripts and other sites.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# --- Scale-out ---
# Metrics, crash recovery, stuck-job sweeping and S3 storage (docs/deployment.md).
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")  # set: GET /metrics needs "Authorization: Bearer <token>"
METRICS_LATENCY_SAMPLE = int(os.environ.get("METRICS_LATENCY_SAMPLE", "1000"))
MIDDLEWARE.insert(0, "server.core.metrics.RequestMetricsMiddleware")
SECURE_REDIRECT_EXEMPT.append(r"^metrics$")
if CELERY_BROKER_URL.startswith(("redis://", "rediss://", "sentinel://")):
    # Unacked messages of a dead worker come back after this many seconds; keep it above GENERATION_TIME_LIMIT.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": int(os.environ.get("BROKER_VISIBILITY_TIMEOUT", "3600"))}
GENERATION_STUCK_SECONDS = int(os.environ.get("GENERATION_STUCK_SECONDS", str(CELERY_TASK_TIME_LIMIT + 300)))
GENERATION_MAX_ATTEMPTS = int(os.environ.get("GENERATION_MAX_ATTEMPTS", "3"))
CELERY_BEAT_SCHEDULE = {
    "requeue-stuck-generations": {"task": "generations.requeue_stuck",
                                  "schedule": float(os.environ.get("REQUEUE_STUCK_INTERVAL", "300"))},
    # Signed head of the audit chain, outside the database: a cut-off tail cannot go unseen longer.
    "audit-checkpoint": {"task": "audit.checkpoint",
                         "schedule": float(os.environ.get("AUDIT_CHECKPOINT_INTERVAL", "60"))},
}
STORAGE_S3_BUCKET = os.environ.get("STORAGE_S3_BUCKET", "")
if STORAGE_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": STORAGE_S3_BUCKET,
            "endpoint_url": os.environ.get("STORAGE_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("STORAGE_S3_REGION") or None,
            "access_key": os.environ.get("STORAGE_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("STORAGE_S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("STORAGE_S3_PREFIX", ""),
            "default_acl": None,
            "file_overwrite": True,
            "querystring_auth": True,
        },
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
