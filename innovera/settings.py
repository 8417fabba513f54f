"""Innovera settings: one module, every deploy-specific value read from the environment.

The variables are documented in `.env.example`. Without any of them set, Innovera runs as the
embedded default: SQLite in the data folder, background work inline, e-mail to the console.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import django_stubs_ext
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.utils.translation import gettext_lazy as _

# Lets admin and querysets be subscripted at run time, as the type stubs describe them.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    if value.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if value.strip().lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "").strip()
    return [item.strip() for item in value.split(",") if item.strip()] if value else default


def ensure_data_dir(path: Path) -> Path:
    """Create the data folder and prove it is writable, so a bad folder fails at start-up."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".write-test"
        probe.write_text("ok", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        raise ImproperlyConfigured(
            f"The data folder {path} (INNOVERA_DATA_DIR) is not writable: {exc.strerror}."
        ) from None
    return path


def load_or_create_secret_key(data_dir: Path) -> str:
    """A key generated once per data folder keeps sessions valid across demo restarts."""
    key_file = data_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    key = get_random_secret_key()
    key_file.write_text(key, encoding="utf-8")
    key_file.chmod(0o600)
    return key


DATA_DIR = ensure_data_dir(Path(os.environ.get("INNOVERA_DATA_DIR", "var")).resolve())
DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = os.environ.get("SECRET_KEY") or load_or_create_secret_key(DATA_DIR)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The open data's publisher (DCAT-AP-SE): the city's name and organisation number, a contact.
OPEN_DATA_PUBLISHER_NAME = os.environ.get("OPEN_DATA_PUBLISHER_NAME", "Stockholms stad")
OPEN_DATA_ORGANISATION_NUMBER = os.environ.get("OPEN_DATA_ORGANISATION_NUMBER", "212000-0142")
OPEN_DATA_CONTACT_EMAIL = os.environ.get("OPEN_DATA_CONTACT_EMAIL", "oppnadata@example.org")
ORGANISATION_NAME = os.environ.get("ORGANISATION_NAME", "Stockholms stad")
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "innovera@example.org")
PRIVACY_EMAIL = os.environ.get("PRIVACY_EMAIL", CONTACT_EMAIL)
# Resident accounts unused this long are anonymised by `innovera housekeeping` (SPEC §5, GDPR).
RESIDENT_RETENTION_MONTHS = env_int("RESIDENT_RETENTION_MONTHS", 24)
# The largest governing document accepted for counting (bytes); larger files are refused.
DOCUMENTS_MAX_UPLOAD_BYTES = env_int("DOCUMENTS_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)
# Confidential and anonymous survey rounds show no figure computed from fewer respondents than
# this, on any channel, and free text only from this many respondents on (issue 8, §1).
SURVEY_MIN_RESPONDENTS = env_int("SURVEY_MIN_RESPONDENTS", 5)
# "Mitt arbete" names a coordinator's ideas that have not moved for this many days.
IDEAS_STALE_DAYS = env_int("IDEAS_STALE_DAYS", 14)
SIGN_IN_LOG_RETENTION_DAYS = 30
# The audit log is a security record of decisions and rights; the decisions themselves (stage
# moves with their reasons) are kept with the ideas as public records.
AUDIT_RETENTION_MONTHS = env_int("AUDIT_RETENTION_MONTHS", 36)

INSTALLED_APPS = [
    "innovera.core.admin_apps.InnoveraAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django.contrib.postgres",
    "django_htmx",
    "django_rq",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "axes",
    "csp",
    "django_ratelimit",
    "innovera.core",
    "innovera.organisations",
    "innovera.surveys",
    "innovera.ideas",
    "innovera.spreading",
    "innovera.documents",
    "innovera.followup",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "innovera.core.middleware.SwedishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, whose check reads (and for uploads writes to disk) the body.
    "innovera.core.limits.RequestLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "innovera.core.audit.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "innovera.organisations.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Axes must come last: it inspects the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "innovera.urls"
WSGI_APPLICATION = "innovera.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "innovera.core.context_processors.site",
                "innovera.core.context_processors.menu",
            ],
        },
    },
]
FORM_RENDERER = "innovera.core.forms.InnoveraFormRenderer"


def database_config() -> dict[str, object]:
    url = os.environ.get("DATABASE_URL", "").strip() or f"sqlite:///{DATA_DIR / 'innovera.sqlite3'}"
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    except (ValueError, KeyError) as exc:
        raise ImproperlyConfigured(
            f"DATABASE_URL is not a database address Innovera can use ({exc})."
        ) from None
    if config["ENGINE"] not in {"django.db.backends.sqlite3", "django.db.backends.postgresql"}:
        raise ImproperlyConfigured(
            "DATABASE_URL must point to PostgreSQL (postgres://) or SQLite (sqlite:///)."
        )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # SQLite holds one writer at a time; waiting beats failing with "database is locked".
        config["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
        config["CONN_MAX_AGE"] = 0
    return dict(config)


DATABASES = {"default": database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisations.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Answers only the provider's callback, and only when OIDC_ISSUER & co. are set.
    "innovera.organisations.oidc.CityAccountBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    # Django's list holds the 20,000 passwords most common in published breach corpora.
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # A local, offline list of breached passwords the city may add (one per line, or a
    # SHA-1 hash per line); the network is never asked.
    {"NAME": "innovera.organisations.passwords.BreachedPasswordValidator"},
    # Not a rule: its hook runs whenever a password is saved, by any page, the admin or a
    # command, and ends the person's API tokens.
    {"NAME": "innovera.organisations.passwords.EndTokensOnPasswordChange"},
]
BREACHED_PASSWORDS_FILE = os.environ.get("BREACHED_PASSWORDS_FILE", "")
LOGIN_URL = "organisations:login"
# After sign-in (e-mail or the city's account) a person starts on "Mitt arbete" unless a
# `next` asked for another page.
LOGIN_REDIRECT_URL = "core:my_work"

# Sign-in with the city's identity provider (OpenID Connect, through mozilla-django-oidc).
# Without these three the button is not shown and only e-mail accounts exist. The provider's
# endpoints are read from OIDC_ISSUER/.well-known/openid-configuration when first needed, not
# at start-up, so an unreachable provider never stops Innovera from starting.
OIDC_ISSUER = os.environ.get("OIDC_ISSUER", "").strip().rstrip("/")
OIDC_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "").strip()
OIDC_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET", "").strip()
_oidc_given = {
    "OIDC_ISSUER": OIDC_ISSUER,
    "OIDC_CLIENT_ID": OIDC_CLIENT_ID,
    "OIDC_CLIENT_SECRET": OIDC_CLIENT_SECRET,
}
if any(_oidc_given.values()) and not all(_oidc_given.values()):
    raise ImproperlyConfigured(
        "Sign-in with the city's account needs "
        + ", ".join(name for name, value in _oidc_given.items() if not value)
        + " as well."
    )
# The claim that carries the person's unit code (e.g. "department_code"); empty: none.
OIDC_UNIT_CLAIM = os.environ.get("OIDC_UNIT_CLAIM", "").strip()
OIDC_SCOPES = os.environ.get("OIDC_SCOPES", "").strip() or "openid email profile"
# mozilla-django-oidc's own names, secure by default: PKCE with S256, state and nonce, the ID
# token kept for the provider's sign-out. Algorithms, iss, aud and exp are checked in
# innovera.organisations.oidc.
OIDC_RP_CLIENT_ID = OIDC_CLIENT_ID
OIDC_RP_CLIENT_SECRET = OIDC_CLIENT_SECRET
OIDC_RP_SCOPES = OIDC_SCOPES
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_USE_NONCE = True
OIDC_STORE_ID_TOKEN = True
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)
OIDC_AUTHENTICATION_CALLBACK_URL = "organisations:oidc_callback"
LOGIN_REDIRECT_URL_FAILURE = "organisations:oidc_failed"
_issuer_origin = ["{0.scheme}://{0.netloc}".format(urlsplit(OIDC_ISSUER))] if OIDC_ISSUER else []
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
EMAIL_VERIFICATION_MAX_AGE = 60 * 60 * 24 * 3

# Failed sign-ins: five tries per account and address, twenty per account from all addresses
# together, then one hour's pause. Failures are counted under the address as sign-in matches it
# (innovera.organisations.lockout). Behind a proxy, PROXY_COUNT says how many proxies add to
# X-Forwarded-For, so the client's own address is counted and not the proxy's.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_ACCOUNT_FAILURE_LIMIT = env_int("AXES_ACCOUNT_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "innovera.organisations.lockout.AccountLimitHandler"
AXES_USERNAME_CALLABLE = "innovera.organisations.lockout.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "organisations/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_IPWARE_PROXY_COUNT = env_int("PROXY_COUNT", 0)
AXES_VERBOSE = False

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
LANGUAGE_COOKIE_NAME = "innovera_language"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploads live outside the web root and are only ever served through permission-checked views.
MEDIA_ROOT = DATA_DIR / "uploads"
MEDIA_URL = "/uploads/"
WHITENOISE_USE_FINDERS = DEBUG or env_bool("WHITENOISE_USE_FINDERS", default=False)

# What one request may carry. A form without files: 2.5 MB (Django's default, said here);
# a file of up to 2.5 MB stays in memory, a larger one goes to a temporary file; no request
# may exceed MAX_REQUEST_BYTES (the 50 MB survey import and its form), and anonymous visitors
# may send no files at all (innovera.core.limits.RequestLimitMiddleware).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 10
MAX_REQUEST_BYTES = env_int("MAX_REQUEST_BYTES", 55 * 1024 * 1024)

# Rates per client (address) or per person, counted in the default cache (Redis when
# configured). Past them a page answers 429 (innovera.core.limits).
RATE_LIMITS = {
    "sign_up": "10/h",  # per address
    "resend_verification": "5/h",  # per person
    "password_reset": "10/h",  # per address
    "password_reset_address": "3/h",  # per address asked for: no mail-bombing one inbox
    "idea_submit": "20/h",  # per person; the pages and the API count apart
    "comment": "60/h",  # per person; the pages and the API count apart
    "similar_ideas": "60/m",  # per address: the suggestions run as one types
    "group_post": "60/h",  # per person, posts and replies together; the API counts apart
    "nomination": "20/h",  # per person, award nominations
    "award_entry": "10/h",  # per address: the external entry form is open to anyone
}
RATELIMIT_VIEW = "innovera.core.limits.too_many_requests"
RATELIMIT_IP_META_KEY = "innovera.core.limits.client_ip"

REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "innovera",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# django-ratelimit knows Django's own Redis cache by no name of its list (W001), though its
# counters are atomic there. Without Redis (the embedded default: one process) the limits count
# in that process's memory (E003): with several gunicorn workers each counts apart, so
# production sets REDIS_URL.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"] + (
    [] if REDIS_URL else ["django_ratelimit.E003"]
)
BACKGROUND_THREADS = True
RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 3600}}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Innovera <innovera@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Sessions end after a day at the latest, and sooner when idle: an hour for most, twenty
# minutes for the innovation office, coordinators and administrators, whose sessions can do
# more (innovera.organisations.middleware.IdleTimeoutMiddleware).
# Database sessions that know whose they are, so erasing a person ends theirs by an index.
SESSION_ENGINE = "innovera.organisations.sessions"
SESSION_COOKIE_AGE = env_int("SESSION_MAX_AGE_HOURS", 24) * 60 * 60
SESSION_IDLE_TIMEOUT_MINUTES = env_int("SESSION_IDLE_TIMEOUT_MINUTES", 60)
SESSION_IDLE_TIMEOUT_PRIVILEGED_MINUTES = env_int("SESSION_IDLE_TIMEOUT_PRIVILEGED_MINUTES", 20)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if env_bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # Signing out continues at the provider's end-session endpoint.
        "form-action": [SELF, *_issuer_origin],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# A path segment after one of these prefixes is a credential (a one-time survey link): logs
# show the path with "[token]" in its place (innovera.core.log_redaction; gunicorn's access log
# too, see the serve command).
LOG_SECRET_PATH_PREFIXES = ("/enkat/",)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_secrets": {"()": "innovera.core.log_redaction.RedactSecretsFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]},
    },
    "loggers": {
        # runserver's request lines (innovera demo) go through the same filter.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The API (/api/v1/): integrations send a token ("Authorization: Token …"), the browser its session
# with CSRF. Tokens are django-rest-knox's: stored only as a SHA-512 digest, made by
# `innovera api-token create` with an expiry, ended by `innovera api-token revoke` and whenever
# the owner's password changes. Who may do what is decided per view by innovera.ideas.permissions, not here.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["innovera.core.validators.TextJSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # One error shape under /api/ (innovera.core.api.errors).
    "EXCEPTION_HANDLER": "innovera.core.api.errors.exception_handler",
    # Reading: per address without a token, per person with one; writes have their own scopes.
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
        "innovera.core.limits.WriteRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": "120/min", "user": "600/min"},
    "NUM_PROXIES": env_int("PROXY_COUNT", 0),
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 90)
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=API_TOKEN_DAYS),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Innovera API",
    "DESCRIPTION": "Challenges and ideas: read public data; sign in or send a token to write.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Lists are cursor pages (innovera.core.api.pagination); errors have one shape, documented
    # for every operation by innovera.core.api.schema.document_errors.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "innovera.core.api.schema.document_errors",
    ],
    # Several models have a "status" with their own choices; each enum gets its own name.
    "ENUM_NAME_OVERRIDES": {
        "ChallengeStatusEnum": "innovera.ideas.models.ChallengeStatus",
        "ExampleStatusEnum": "innovera.spreading.models.ExampleStatus",
        "AdoptionStatusEnum": "innovera.spreading.models.AdoptionStatus",
    },
}
