"""One environment-driven settings file.

Every knob is a `BALAI_*` variable; nothing differs between environments except what those
variables say, so production behaviour is never hidden in a separate file.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent


def _project_root() -> Path:
    candidate = PACKAGE_DIR.parents[1]
    return candidate if (candidate / "pyproject.toml").exists() else Path.cwd()


BASE_DIR = _project_root()
VAR_DIR = Path(os.environ.get("BALAI_VAR_DIR", BASE_DIR / "var"))
# Production unless told otherwise: a server started without BALAI_ENV must not run with DEBUG,
# every host, the published development key and public media (ASVS 5.0 13.4). Development
# machines, `make demo` and the test suite say BALAI_ENV=development explicitly.
ENV = os.environ.get("BALAI_ENV", "production")
if ENV not in ("production", "development"):
    raise ImproperlyConfigured("BALAI_ENV must be 'production' or 'development'")
PRODUCTION = ENV == "production"

_DEV_SECRET = "balai-development-key-not-for-production-use-0123456789abcdef"  # noqa: S105
SECRET_KEY = os.environ.get("BALAI_SECRET_KEY", "" if PRODUCTION else _DEV_SECRET)
if PRODUCTION and (len(SECRET_KEY) < 50 or SECRET_KEY == _DEV_SECRET):
    raise ImproperlyConfigured(
        "BALAI_SECRET_KEY must be set to 50+ random characters in production "
        "(or BALAI_ENV=development on a development machine)"
    )
# The passphrase that encrypts the signing keys at rest; never generated beside the keys in
# production, where a copy of the key folder would otherwise carry its own passphrase.
KEY_PASSPHRASE_SET = len(os.environ.get("BALAI_KEY_PASSPHRASE", "")) >= 20
if PRODUCTION and not KEY_PASSPHRASE_SET:
    raise ImproperlyConfigured("BALAI_KEY_PASSPHRASE (20+ characters) is required in production")

if PRODUCTION and os.environ.get("BALAI_DEBUG", "0") != "0":
    raise ImproperlyConfigured("BALAI_DEBUG is refused in production: it shows code and settings")
DEBUG = not PRODUCTION and os.environ.get("BALAI_DEBUG", "1") == "1"
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("BALAI_ALLOWED_HOSTS", "" if PRODUCTION else "*").split(",")
    if h.strip()
]
if PRODUCTION and (not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS):
    raise ImproperlyConfigured("BALAI_ALLOWED_HOSTS must list the public host names in production")
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("BALAI_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
PUBLIC_BASE_URL = os.environ.get("BALAI_PUBLIC_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    # Swagger UI's files from the django-ninja package: /api/v1/docs needs no CDN and no
    # inline script, so the site's Content-Security-Policy stays as strict as elsewhere.
    "ninja",
    "balai.core",
    "balai.regions",
    "balai.audit",
    "balai.catalog",
    "balai.accounts",
    "balai.people",
    "balai.workflow",
    "balai.queueing",
    "balai.cases",
    "balai.feedback",
    "balai.documents",
    "balai.citizens",
    "balai.insights",
    "balai.kiosk",
    "balai.licensing",
    "balai.outreach",
    "balai.notifications",
    "balai.payments",
    "balai.programs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "balai.core.middleware.RequestContextMiddleware",
    "balai.core.middleware.RefuseNulMiddleware",
    "balai.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "balai.core.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "balai.core.middleware.DebugErrorPagesMiddleware",
]

ROOT_URLCONF = "balai.urls"
WSGI_APPLICATION = "balai.wsgi.application"
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
    },
]

# --- Database -------------------------------------------------------------------------------
_default_sqlite = f"sqlite:///{VAR_DIR / 'balai.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("BALAI_DATABASE_URL", _default_sqlite), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL lets readers run beside one writer; IMMEDIATE takes the write lock at BEGIN so two
    # writers queue on the busy timeout instead of failing halfway through a transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
    }
    if not PRODUCTION:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
# Parallel test runs on one PostgreSQL server each name their own test database; SQLite tests
# always run in memory.
if os.environ.get("BALAI_TEST_DB_NAME") and DATABASES["default"]["ENGINE"] != (
    "django.db.backends.sqlite3"
):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["BALAI_TEST_DB_NAME"]}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The dashboards' covering indexes (INCLUDE columns) are a PostgreSQL feature; SQLite, for
# development and tests, builds the same indexes on their key columns alone, as intended.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Idle sessions end after 30 minutes: every request pushes the expiry forward.
SESSION_COOKIE_AGE = int(os.environ.get("BALAI_SESSION_SECONDS", 30 * 60))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
LOGIN_MAX_FAILURES = int(os.environ.get("BALAI_LOGIN_MAX_FAILURES", 5))
LOGIN_FAILURE_WINDOW_SECONDS = int(os.environ.get("BALAI_LOGIN_FAILURE_WINDOW", 15 * 60))
# Failures from one client address, over every username (docs/security.md, login limits).
LOGIN_MAX_FAILURES_PER_IP = int(os.environ.get("BALAI_LOGIN_MAX_FAILURES_PER_IP", 20))
# An account's lockout doubles with each further failure, from the window up to this cap;
# signing in with a one-time code by e-mail still works meanwhile.
LOGIN_LOCKOUT_MAX_SECONDS = int(os.environ.get("BALAI_LOGIN_LOCKOUT_MAX", 24 * 3600))
LOGIN_CODE_SECONDS = int(os.environ.get("BALAI_LOGIN_CODE_SECONDS", 10 * 60))
# The TLS proxy's addresses: only from them is X-Forwarded-For believed (core/client.py).
TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("BALAI_TRUSTED_PROXIES", "").split(",") if p.strip()
]
# Anonymous queue tickets: per client address and window, and the display board's rotating
# presence code asked of phones (queueing/presence.py).
QUEUE_PUBLIC_TICKETS_PER_CLIENT = int(os.environ.get("BALAI_QUEUE_PUBLIC_TICKETS", 3))
QUEUE_PUBLIC_TICKET_WINDOW_SECONDS = int(os.environ.get("BALAI_QUEUE_PUBLIC_WINDOW", 30 * 60))
QUEUE_PRESENCE_SECONDS = int(os.environ.get("BALAI_QUEUE_PRESENCE_SECONDS", 300))
# Citizens' online sign-ins per client address and window, successes included.
CITIZEN_SIGN_INS_PER_CLIENT = int(os.environ.get("BALAI_CITIZEN_SIGN_INS_PER_CLIENT", 10))
# Resident searches per staff member and minute (people/views.py).
PEOPLE_SEARCH_PER_MINUTE = int(os.environ.get("BALAI_PEOPLE_SEARCH_PER_MINUTE", 30))

# --- Security -------------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
)
if PRODUCTION:
    SECURE_SSL_REDIRECT = os.environ.get("BALAI_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# --- Language and time ----------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# The shared stylesheet lives in the package itself, outside any app.
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("BALAI_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = not PRODUCTION

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("BALAI_LOG_LEVEL", "WARNING")},
}

# --- Balai ----------------------------------------------------------------------------------
# Where the demo lives: Kabupaten Banyuwangi.
DEMO_REGENCY_CODE = "35.10"
# How long an API token lives unless `balai token create --days N` says otherwise.
API_TOKEN_DAYS = int(os.environ.get("BALAI_API_TOKEN_DAYS", 90))
# Demo mode (`balai demo` turns it on for the server it starts): messages go to the demo inbox
# page instead of WhatsApp/SMS/e-mail, and the embedded fakes start with the server.
DEMO_MODE = os.environ.get("BALAI_DEMO", "0") == "1"
API_PAGE_SIZE_MAX = 200
# Readers that name a citizen at a kiosk besides the QR one (balai/kiosk/readers.py).
KIOSK_READERS: dict[str, str] = {}

# Licensing: the OSS gateway (empty until an integration or `balai oss-sandbox` gives one).
LICENSING_OSS_URL = os.environ.get("BALAI_OSS_URL", "")
LICENSING_OSS_TIMEOUT = float(os.environ.get("BALAI_OSS_TIMEOUT", "10"))
LICENSING_GATEWAY_TRIES = 3
LICENSING_GATEWAY_BACKOFF = 0.5

# --- Notifications (docs/apps/notifications.md) ---------------------------------------------
# A channel without its provider URL marks its messages dead (the WhatsApp ones fall back to
# SMS); nothing is sent anywhere by default.
NOTIFY_WHATSAPP_URL = os.environ.get("BALAI_WHATSAPP_URL", "")
NOTIFY_WHATSAPP_PHONE_ID = os.environ.get("BALAI_WHATSAPP_PHONE_ID", "")
NOTIFY_WHATSAPP_TOKEN = os.environ.get("BALAI_WHATSAPP_TOKEN", "")
NOTIFY_WHATSAPP_WEBHOOK_SECRET = os.environ.get("BALAI_WHATSAPP_WEBHOOK_SECRET", "")
NOTIFY_SMS_URL = os.environ.get("BALAI_SMS_URL", "")
NOTIFY_SMS_TOKEN = os.environ.get("BALAI_SMS_TOKEN", "")
NOTIFY_SMS_SENDER = os.environ.get("BALAI_SMS_SENDER", "BALAI")
NOTIFY_SMS_WEBHOOK_SECRET = os.environ.get("BALAI_SMS_WEBHOOK_SECRET", "")
NOTIFY_TIMEOUT = float(os.environ.get("BALAI_NOTIFY_TIMEOUT", 10))
NOTIFY_MAX_ATTEMPTS = int(os.environ.get("BALAI_NOTIFY_MAX_ATTEMPTS", 6))
NOTIFY_BACKOFF_BASE = float(os.environ.get("BALAI_NOTIFY_BACKOFF_BASE", 30))
NOTIFY_BACKOFF_MAX = float(os.environ.get("BALAI_NOTIFY_BACKOFF_MAX", 3600))
NOTIFY_STALE_SECONDS = int(os.environ.get("BALAI_NOTIFY_STALE_SECONDS", 600))
EMAIL_BACKEND = os.environ.get(
    "BALAI_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("BALAI_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("BALAI_EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("BALAI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("BALAI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("BALAI_EMAIL_TLS", "0") == "1"
EMAIL_TIMEOUT = int(os.environ.get("BALAI_EMAIL_TIMEOUT", 10))
DEFAULT_FROM_EMAIL = os.environ.get("BALAI_EMAIL_FROM", "Balai <noreply@localhost>")

# Attachments of a case: PDF, JPEG or PNG up to this size; images scaled to this long side.
BALAI_ATTACHMENT_MAX_BYTES = int(os.environ.get("BALAI_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))
BALAI_ATTACHMENT_MAX_SIDE = int(os.environ.get("BALAI_ATTACHMENT_MAX_SIDE", 2000))

# The payment gateway (virtual accounts). Without a URL bills are paid at the counter only.
BALAI_PAYMENT_GATEWAY_URL = os.environ.get("BALAI_PAYMENT_GATEWAY_URL", "")
BALAI_PAYMENT_GATEWAY_CLIENT_ID = os.environ.get("BALAI_PAYMENT_GATEWAY_CLIENT_ID", "")
BALAI_PAYMENT_GATEWAY_SECRET = os.environ.get("BALAI_PAYMENT_GATEWAY_SECRET", "")
if BALAI_PAYMENT_GATEWAY_URL and len(BALAI_PAYMENT_GATEWAY_SECRET) < 32:
    raise ImproperlyConfigured(
        "BALAI_PAYMENT_GATEWAY_SECRET (32+ characters) is required with BALAI_PAYMENT_GATEWAY_URL"
    )
# How long a virtual account stays open for payment.
BALAI_PAYMENT_VA_DAYS = int(os.environ.get("BALAI_PAYMENT_VA_DAYS", 7))
# PNBP is paid to the state treasury through SIMPONI billing codes (payments/gateway.py).
BALAI_SIMPONI_URL = os.environ.get("BALAI_SIMPONI_URL", "")
BALAI_SIMPONI_CLIENT_ID = os.environ.get("BALAI_SIMPONI_CLIENT_ID", "")
BALAI_SIMPONI_SECRET = os.environ.get("BALAI_SIMPONI_SECRET", "")
if BALAI_SIMPONI_URL and len(BALAI_SIMPONI_SECRET) < 32:
    raise ImproperlyConfigured("BALAI_SIMPONI_SECRET (32+ characters) is required with its URL")

# --- Audit log (docs/apps/audit.md) ---------------------------------------------------------
# Where each regency's Ed25519 log key and the published checkpoints live: outside the
# database, so that whoever can write the tables cannot forge a checkpoint. Ship the
# checkpoints directory off the machine (or let a witness poll /audit/log/<regency>/checkpoint).
AUDIT_LOG_DIR = Path(os.environ.get("BALAI_AUDIT_LOG_DIR", VAR_DIR / "audit-log"))
# "on_commit": a writer integrates pending events right after its own commit (no daemon
# needed; the embedded default). "worker": only `balai audit sequence` integrates.
AUDIT_SEQUENCER = os.environ.get("BALAI_AUDIT_SEQUENCER", "on_commit")
AUDIT_BATCH = int(os.environ.get("BALAI_AUDIT_BATCH", 256))
AUDIT_CHECKPOINT_SECONDS = float(os.environ.get("BALAI_AUDIT_CHECKPOINT_SECONDS", 5))
# An event still outside the log after this long is an alarm in `balai check`.
AUDIT_PENDING_ALARM_SECONDS = float(os.environ.get("BALAI_AUDIT_PENDING_ALARM_SECONDS", 10))
