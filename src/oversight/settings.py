"""Settings for every deployment; the environment decides (see oversight.env and README)."""

import os
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from oversight.env import (
    env_bool,
    env_int,
    env_json,
    env_list,
    env_str,
    private_dir,
    private_file,
    secret_key,
    signing_key,
)

django_stubs_ext.monkeypatch()  # QuerySet["Model"] and friends at run time

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(env_str("OVERSIGHT_HOME", str(Path.cwd())))
VAR_DIR = private_dir(Path(env_str("OVERSIGHT_VAR", str(BASE_DIR / "var"))))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = secret_key(VAR_DIR)
# Signs the audit log's checkpoints; its public half is at /transparency/key.
SIGNING_KEY = signing_key(VAR_DIR)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# TLS ends here (an https:// SITE_URL) or at a proxy in front that sets X-Forwarded-Proto.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
HTTPS = BEHIND_TLS_PROXY or SITE_URL.startswith("https://")

# Demo-only conveniences (printing TOTP codes); a system check refuses it on public hosts.
DEMO = env_bool("OVERSIGHT_DEMO", False)
if DEMO:  # the demo serves plain HTTP on the loopback address: these HTTPS hints are noise
    SILENCED_SYSTEM_CHECKS = ["security.W004", "security.W008", "security.W012", "security.W016"]

INSTALLED_APPS = [
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ninja",
    "corsheaders",
    "oversight.core",
    "oversight.registry",
    "oversight.accounts",
    "oversight.monitoring",
    "oversight.consultations",
    "oversight.companies",
    "oversight.licensing",
    "oversight.procurement",
    "oversight.portal",
    "oversight.grievances",
    "oversight.vulnerabilities",
    "oversight.witness",
    "django_tasks",
    "django_tasks_db",
    "oversight.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "oversight.core.middleware.privacy_headers",
    "oversight.ops.routing.public_reads",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",  # /api/v1/ and /data/ only, read-only
    "oversight.core.ratelimit.limited",  # /api/v1/ and /data/ only, per client
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "oversight.urls"
WSGI_APPLICATION = "oversight.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]


def _database(url: str = "", replica_of: dict[str, object] | None = None) -> dict[str, object]:
    default = f"sqlite:///{VAR_DIR / 'oversight.sqlite3'}"
    name = "DATABASE_REPLICA_URL" if replica_of else "DATABASE_URL"
    url = url or env_str("DATABASE_URL", default)
    try:
        config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60))
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}: {exc}") from exc
    engine = str(config.get("ENGINE", ""))
    if engine.endswith("sqlite3"):
        private_file(Path(str(config["NAME"])))  # mode 0600 before SQLite creates it
        config["CONN_MAX_AGE"] = 0
        # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue
        # instead of failing midway; WAL lets readers run beside a writer.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;",
        }
        # A file, not memory: tests run concurrent writer processes against it;
        # one file per test run, so parallel runs in one checkout never collide.
        config["TEST"] = {"NAME": str(VAR_DIR / f"test-oversight-{os.getpid()}.sqlite3")}
    elif engine.endswith("postgresql"):
        config["TEST"] = {"NAME": f"test_{config['NAME']}_{os.getpid()}"}
    else:
        raise ImproperlyConfigured(f"{name}: unsupported database {url.split(':')[0]!r}")
    if replica_of is not None:  # tests read the primary's test database through it
        config["TEST"] = {"MIRROR": "default"}
    return config


DATABASES = {"default": _database()}
# A read replica for the public pages (ops.routing): anonymous GET and HEAD requests read
# from it; everything else, and every write, uses the primary.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = _database(DATABASE_REPLICA_URL, replica_of=DATABASES["default"])
    DATABASE_ROUTERS = ["oversight.ops.routing.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "oversight.accounts.backends.AdministratorRoleBackend",  # admin perms from the role
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Idle sessions end after SESSION_IDLE_SECONDS (each request renews the cookie).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 2 * 60 * 60, minimum=60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_COOKIES = env_bool(
    "SECURE_COOKIES", HTTPS or (not DEBUG and not SITE_URL.startswith("http://"))
)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 5, minimum=1)
# A locked name still signs in with password and authenticator code once the first lock
# has stood this long, so that nobody can keep a handler out (accounts.throttle).
LOGIN_COOLING_OFF_SECONDS = env_int("LOGIN_COOLING_OFF_SECONDS", 300, minimum=0)
OTP_TOTP_ISSUER = "Oversight"

SECURE_REFERRER_POLICY = "same-origin"  # no-referrer makes Chromium send Origin: null on POST
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
# Over HTTPS, plain HTTP is redirected and browsers are told to never use it again;
# /healthz stays reachable over HTTP for the load balancer's probe.
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 365 * 24 * 3600) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS and env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
# "preload" only consents to the browsers' list; submitting the domain is a separate step.
SECURE_HSTS_PRELOAD = HTTPS and env_bool("HSTS_PRELOAD", True)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "oversight@localhost")

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it even before collectstatic
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "files")))
STORAGES = {
    # Uploaded documents: the local disk, or object storage through django-storages
    # (FILE_STORAGE_BACKEND=storages.backends.s3.S3Storage, options as JSON; docs/deploy.md).
    "default": {
        "BACKEND": env_str("FILE_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": env_json("FILE_STORAGE_OPTIONS", {}),
    },
    # Plain names: whitenoise serves them from the app folders (no collectstatic needed).
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Grievance evidence: ciphertext only, in random names; limits per file and per submit.
GRIEVANCE_FILES_DIR = Path(env_str("GRIEVANCE_FILES_DIR", str(VAR_DIR / "grievance-files")))
# Procurement: a use policy is published this many days before the first deployment (the POST
# Act's 90), and an annual report is due this many days after the year it covers ends.
PROCUREMENT_NOTICE_DAYS = env_int("PROCUREMENT_NOTICE_DAYS", 90, minimum=0)
# Licensing casework (docs/licensing.md): deadlines in calendar days from receipt.
LICENSING_RULING_DAYS = env_int("LICENSING_RULING_DAYS", 30, minimum=1)
LICENSING_CATCH_ALL_DAYS = env_int("LICENSING_CATCH_ALL_DAYS", 30, minimum=1)
LICENSING_QUESTION_DAYS = env_int("LICENSING_QUESTION_DAYS", 20, minimum=1)
LICENSING_QUESTION_REMINDER_DAYS = env_int("LICENSING_QUESTION_REMINDER_DAYS", 5, minimum=0)
# Destinations whose approvals are countersigned, besides moratoria and suspected operators.
LICENSING_HIGH_RISK_DESTINATIONS = env_list("LICENSING_HIGH_RISK_DESTINATIONS", [])
PROCUREMENT_REPORT_DUE_DAYS = env_int("PROCUREMENT_REPORT_DUE_DAYS", 90, minimum=0)
# Open Contracting: the publisher's ocid prefix (register one with the Open Contracting
# Partnership) and the name published with every OCDS package.
OCDS_OCID_PREFIX = env_str("OCDS_OCID_PREFIX", "ocds-demo01")
OCDS_PUBLISHER = env_str("OCDS_PUBLISHER", "Oversight")
GRIEVANCE_MAX_FILE_MB = env_int("GRIEVANCE_MAX_FILE_MB", 100, minimum=1)
GRIEVANCE_MAX_FILES = env_int("GRIEVANCE_MAX_FILES", 10, minimum=1)
# Site-wide flood ceilings (grievances.limiter): uses per minute for everyone together.
GRIEVANCE_RECEIPT_CHECKS_PER_MINUTE = env_int(
    "GRIEVANCE_RECEIPT_CHECKS_PER_MINUTE", 120, minimum=1
)
GRIEVANCE_REPORTS_PER_MINUTE = env_int("GRIEVANCE_REPORTS_PER_MINUTE", 30, minimum=1)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Limits every worker process must share (created by `migrate`: core.apps).
    "limits": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "oversight_limits",
        "OPTIONS": {"MAX_ENTRIES": 100_000},  # culling would forget claimed uses
    },
}

# The public API and open data: readable from any web page (GET only, no credentials),
# and limited per client (core.ratelimit; 0 turns the limit off).
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/(api/v1|data)/.*$"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_HEADERS = ("accept", "accept-language", "content-language")
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ("Retry-After", "Content-Disposition")
API_REQUESTS_PER_MINUTE = env_int("API_REQUESTS_PER_MINUTE", 600)

# The worker (`oversight worker`, also started by `oversight serve`): django-tasks with
# its database backend, so the task queue needs no other service (ops/worker.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
SCHEDULE_SECONDS = env_int("OVERSIGHT_SCHEDULE_SECONDS", 60, minimum=1)
WORKER_POLL_SECONDS = env_int("OVERSIGHT_WORKER_POLL_SECONDS", 2, minimum=1)
SERVE_WORKER = env_bool("OVERSIGHT_SERVE_WORKER", True)
# Prometheus metrics (ops.metrics), served by the worker; off unless an address is given.
METRICS_BIND = env_str("METRICS_BIND", "")
if METRICS_BIND:
    MIDDLEWARE.insert(1, "oversight.ops.metrics.count_requests")
# Backups are encrypted to this public key's owner (ops.backup); made into var/ if unset.
BACKUP_KEY_FILE = Path(env_str("OVERSIGHT_BACKUP_KEY_FILE", str(VAR_DIR / "backup.key")))

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_PER_PAGE_SIZE = 500

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "no_client_identity": {"()": "oversight.core.logging.NoClientIdentity"},
        "refusals_without_traceback": {"()": "oversight.core.logging.RefusalsWithoutTraceback"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["no_client_identity", "refusals_without_traceback"],
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # runserver's per-request lines are noise and could carry client details.
        "django.server": {"level": "WARNING"},
        "pikepdf": {"level": "WARNING"},  # announces its logger bridge on every start
    },
}
