"""Selfkind settings: everything comes from the environment (see docs/configuration.md and contracts)."""

from __future__ import annotations

import secrets
import sys
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.csp import CSP

from selfkind.lib.email_url import parse_email_url, smtp_mailer
from selfkind.lib.env import ConfigurationError, env_bool, env_choice, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
# Runtime files (the SQLite database, development keys, test artifacts) live under ./var of the
# folder Selfkind is started from, as the contract says.
VAR_DIR = Path(env_str("SELFKIND_VAR_DIR", str(Path.cwd() / "var"))).resolve()
CONTENT_DIR = PACKAGE_DIR / "content"

SELFKIND_ENV = env_choice("SELFKIND_ENV", ("development", "production"), "development")
PRODUCTION = SELFKIND_ENV == "production"
# pytest-django imports these settings before any conftest runs, so a test run is also recognised
# by pytest being loaded (fast password hashing, plain static storage).
TESTING = env_bool("SELFKIND_TESTING", False) or "pytest" in sys.modules

DEBUG = env_bool("DEBUG", False)
# `selfkind serve` (gunicorn) serves real people or benchmarks: never with DEBUG on.
SERVING = env_bool("SELFKIND_SERVE", False)
if SERVING:
    DEBUG = False
if PRODUCTION and DEBUG:
    raise ConfigurationError("DEBUG must be off in production. Unset DEBUG and start again.")


def _secret_key() -> str:
    key = env_str("SELFKIND_SECRET_KEY")
    if PRODUCTION:
        if len(key) < 50:
            raise ConfigurationError(
                "SELFKIND_SECRET_KEY must be set to at least 50 random characters in production "
                "(for example: python -c 'import secrets; print(secrets.token_urlsafe(64))')."
            )
        return key
    if key:
        return key
    # Development: one random key kept under ./var, so sessions survive restarts.
    path = VAR_DIR / "secret-key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Links in emails and calendar feeds. Without it, the address `make run` and `selfkind serve` listen on.
SITE_URL = env_str("SELFKIND_SITE_URL", f"http://127.0.0.1:{env_int('PORT', 8000, minimum=1)}").rstrip("/")

# No django.contrib.admin: it would show decrypted client text to operators with no audit record,
# around the access door. Operators use the `selfkind` commands instead.
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks_db",
    "selfkind.lib",
    "selfkind.accounts",
    "selfkind.safety",
    "selfkind.measures",
    "selfkind.practices",
    "selfkind.journal",
    "selfkind.care",
    "selfkind.reminders",
    "selfkind.rights",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "selfkind.accounts.middleware.AuthenticationMiddleware",  # Django's, with the user read with the session
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "selfkind.accounts.idle.ClearKeptFormCookieMiddleware",
    "selfkind.accounts.idle.IdleTimeoutMiddleware",
    "selfkind.accounts.middleware.SecondFactorMiddleware",
    "selfkind.accounts.middleware.UserTimezoneMiddleware",
    "selfkind.accounts.middleware.ConsentGateMiddleware",
]

ROOT_URLCONF = "selfkind.urls"
WSGI_APPLICATION = "selfkind.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "selfkind.care.context_processors.shell",
                "selfkind.reminders.context_processors.worker_banner",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'selfkind.sqlite3'}")
try:
    _db = dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 60, minimum=0))
except Exception as exc:  # dj-database-url raises several types; all mean the same to an operator.
    raise ConfigurationError(f"DATABASE_URL is not a database URL Selfkind understands: {exc}") from None
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the worker read while one writes; synchronous=FULL makes an
    # acknowledged save survive power loss; IMMEDIATE transactions plus a busy timeout make writers
    # queue instead of failing with "database is locked".
    # Selfkind's backend (selfkind/lib/sqlite) lets those writers take turns without SQLite's sleeps.
    _db["ENGINE"] = "selfkind.lib.sqlite"
    _db["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    if _db["NAME"] and _db["NAME"] != ":memory:":
        Path(_db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    _db.setdefault("TEST", {})
    _db["TEST"]["NAME"] = env_str("SELFKIND_TEST_SQLITE", "") or None
elif _db["ENGINE"] == "django.db.backends.postgresql":
    # Connections are kept and checked before each request; Selfkind's backend (selfkind/lib/postgresql)
    # checks an idle connection without a round trip.
    _db["ENGINE"] = "selfkind.lib.postgresql"
    _db["CONN_HEALTH_CHECKS"] = True
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rendered pages that hold a client's words ("today", selfkind/care/today_cache.py) stay in the process's own
# memory, never in Redis; each copy is retired by the client's stamp and lives at most a minute.
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "selfkind-pages",
    "TIMEOUT": 60,
    "OPTIONS": {"MAX_ENTRIES": 2000},
}

# --- Accounts and sign-in -------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["selfkind.accounts.backends.EmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "care:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
INVITATION_DAYS = env_int("SELFKIND_INVITATION_DAYS", 7, minimum=1)

SESSION_ENGINE = "selfkind.accounts.sessions"  # Django's database sessions, read with SQL built once
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
# Inactivity limits (seconds); therapists and admins see more people's data, so theirs is shorter.
SELFKIND_IDLE_SECONDS_CLIENT = env_int("SELFKIND_IDLE_SECONDS_CLIENT", 60 * 60, minimum=60)
SELFKIND_IDLE_SECONDS_STAFF = env_int("SELFKIND_IDLE_SECONDS_STAFF", 20 * 60, minimum=60)
CSRF_COOKIE_HTTPONLY = False
CSRF_FAILURE_VIEW = "selfkind.care.views.csrf_failure"

# --- Security headers -----------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # The header only allows submission to browsers' preload lists; it submits nothing by itself.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
if not PRODUCTION:
    # WhiteNoise serves from the finders in development but warns when STATIC_ROOT is missing.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION and not TESTING
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

# --- Email ----------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Selfkind <selfkind@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
_email_url = env_str("EMAIL_URL")
if _email_url:
    _mailer = parse_email_url(_email_url)
elif env_str("EMAIL_HOST"):
    _mailer = smtp_mailer(
        host=env_str("EMAIL_HOST"),
        port=env_int("EMAIL_PORT", 25, minimum=1),
        username=env_str("EMAIL_HOST_USER"),
        password=env_str("EMAIL_HOST_PASSWORD"),
        use_tls=env_bool("EMAIL_USE_TLS", False),
        use_ssl=env_bool("EMAIL_USE_SSL", False),
    )
else:
    # Without a mail server, emails are printed on the console (development and the demo).
    _mailer = {"BACKEND": env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")}
MAILERS = {"default": _mailer}

# --- Background tasks -----------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Encryption of free text ----------------------------------------------------------------
SELFKIND_FIELD_KEYS = env_list("SELFKIND_FIELD_KEYS")
if PRODUCTION and not SELFKIND_FIELD_KEYS:
    raise ConfigurationError(
        "SELFKIND_FIELD_KEYS must be set in production: one or more Fernet keys, newest first "
        "(make one with: selfkind generate-field-key)."
    )
SELFKIND_FIELD_KEY_FILE = VAR_DIR / "field-keys"

# --- Logging: never a client's words; request bodies are never logged. ------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
        # At DEBUG this logger prints a whole template context (decrypted text included) for any missing
        # variable, so it never goes below WARNING, whatever LOG_LEVEL says.
        "django.template": {"level": "WARNING"},
    },
}

OTP_TOTP_ISSUER = "Selfkind"
SELFKIND_FHIR_BASE = env_str("SELFKIND_FHIR_BASE", "https://selfkind.example.org/fhir")
