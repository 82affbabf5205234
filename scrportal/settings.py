"""Settings for the SCR Learning Portal: one file, every value from the environment.

Production is the default: DEBUG is off unless DJANGO_DEBUG=1, and then SECRET_KEY and ALLOWED_HOSTS must be
set or start-up stops with a clear message. `make run` and `make test` set DJANGO_DEBUG=1 for local work.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)


def _development_secret_key() -> str:
    # Kept out of the repository: made once per checkout, under the git-ignored var/.
    from django.core.management.utils import get_random_secret_key

    path = BASE_DIR / "var" / "development-secret-key"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(get_random_secret_key())
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if DEBUG:
    SECRET_KEY = SECRET_KEY or _development_secret_key()
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "testserver"]
else:
    if not SECRET_KEY:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. In production set SECRET_KEY to a long random value "
            "(or set DJANGO_DEBUG=1 for local development)."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS is not set. In production set ALLOWED_HOSTS to the site's host names, "
            "separated by commas (or set DJANGO_DEBUG=1 for local development)."
        )

# The domain in feed entries' ids (tag URIs): fixed, so that ids do not change with the host name a feed is read
# under. By default the first ALLOWED_HOSTS name.
FEED_ID_DOMAIN = os.environ.get("FEED_ID_DOMAIN") or next(
    (host.lstrip(".") for host in ALLOWED_HOSTS if host.lstrip(".") and "*" not in host), "scr-learning-portal"
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "accounts",
    # The task queue: jobs kept in PostgreSQL, run by `manage.py procrastinate worker` (each app's tasks.py).
    "procrastinate.contrib.django",
    "themes",
    "reviews",
    "actions",
    "learning",
]

MIDDLEWARE = [
    # Outermost, so that a read whose database connection was cut (PostgreSQL restarted) runs again whole.
    "scrportal.db_retry.RetryReadsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Pages and downloads compressed here, so the site is quick on a phone whatever proxy (if any) is in front.
    # Django's GZip adds random bytes to each response against BREACH; static files come pre-compressed from
    # whitenoise.
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "scrportal.middleware.StaffIdleTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff give a code from their authenticator app (or a recovery code) after their password; never optional.
    "accounts.two_factor.RequireTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: turns a locked-out sign-in into its page
]

ROOT_URLCONF = "scrportal.urls"
WSGI_APPLICATION = "scrportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "reviews.demo.notice.demo_notice",
            ],
        },
    },
]

# Database: DATABASE_URL when set, otherwise the embedded PostgreSQL under var/ (never SQLite).
if os.environ.get("DATABASE_URL"):
    _database = dj_database_url.parse(os.environ["DATABASE_URL"])
    if not _database["ENGINE"].endswith("postgresql"):
        raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL (postgres://...).")
elif DEBUG:
    from scrportal.embedded_db import embedded_database_settings  # pgserver: in requirements-dev.txt only

    _database = embedded_database_settings(BASE_DIR)
else:
    raise ImproperlyConfigured(
        "DATABASE_URL is not set. In production set DATABASE_URL to the PostgreSQL server (postgres://...): "
        "the embedded database is for development only (set DJANGO_DEBUG=1 for local development)."
    )
_database["CONN_MAX_AGE"] = 0  # the pool below keeps connections; Django requires 0 with it
# The pool tests each connection before lending it, so connections that PostgreSQL closed while idle (a restart,
# an administrator's pg_terminate_backend) are replaced rather than failing a request.
_database["CONN_HEALTH_CHECKS"] = True
_database["OPTIONS"] = {
    **_database.get("OPTIONS", {}),
    "pool": {"min_size": 1, "max_size": env_int("DATABASE_POOL_MAX", 8), "timeout": 10},
    # The working set (reviews, links, indexes) fits in memory, so a random read costs about what a sequential one
    # does; at the default 4.0 the planner reads every TOASTed search vector instead of using the GIN index.
    "options": "-c random_page_cost=1.1",
}
# Lets several test runs share one server (CI and parallel local runs).
_database["TEST"] = {"NAME": os.environ.get("TEST_DATABASE_NAME") or None}
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses sign-in while an account or address is locked
    "django.contrib.auth.backends.ModelBackend",
]
# Repeated failed sign-ins lock the username and, separately, the address they came from (so one address cannot
# try many usernames, nor many addresses one username) for a while.
AXES_FAILURE_LIMIT = env_int("SIGN_IN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("SIGN_IN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "accounts.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.locked_out"
AXES_VERBOSE = False
OTP_TOTP_ISSUER = "SCR Learning Portal"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # govuk-frontend from npm (installed by `make`), served under /static/govuk/.
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
]
STORAGES = {
    # Uploaded source documents are private: MEDIA_ROOT is never served directly, only through the
    # permission-checking document view.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": os.environ.get("DOCUMENT_ROOT") or str(BASE_DIR / "var" / "documents")},
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "scrportal.storage.StaticFilesStorage",
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Uploads
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Theme suggestions: `train_theme_model --if-due` trains again once this many reviews were published since.
SUGGESTIONS_RETRAIN_AFTER = env_int("SUGGESTIONS_RETRAIN_AFTER", 50)

# The CSV export of a search holds at most this many reviews (a longer one ends with a line saying so), so that
# no download keeps a web process and the database busy for long.
CSV_EXPORT_MAX_ROWS = env_int("CSV_EXPORT_MAX_ROWS", 10_000)

# Security
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
# How many proxies in front of the site append to X-Forwarded-For (scrportal.ratelimit.client_address).
TRUSTED_PROXY_COUNT = max(1, env_int("TRUSTED_PROXY_COUNT", 1))
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
# Both bind every subdomain of the site's domain (and, once preloaded, browsers for months): only the operator of
# the whole domain can say yes, so they are asked for, never assumed.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# `check --deploy` warns when HSTS leaves out subdomains or preloading; leaving them out is a decision (above).
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]
# Staff sessions end after this many idle seconds (scrportal.middleware.StaffIdleTimeoutMiddleware).
STAFF_SESSION_IDLE_SECONDS = env_int("STAFF_SESSION_IDLE_SECONDS", 30 * 60)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# Shared by every gunicorn worker, so all see the same cached figures and the same invalidation: Redis when
# REDIS_URL is set, otherwise a table in the database.
if os.environ.get("REDIS_URL"):
    _shared_cache = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "TIMEOUT": 60 * 60,
        "KEY_PREFIX": os.environ.get("REDIS_KEY_PREFIX", "scrportal"),
    }
else:
    _shared_cache = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "scrportal_cache",
        "TIMEOUT": 60 * 60,
        # Room for every figure, feed and counter (the default, 300, is culled by a busy hour). Culling cannot
        # make a stale figure current: what is current is numbered by PostgreSQL sequences (reviews.freshness).
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 50_000)},
    }
CACHES = {
    "default": _shared_cache,
    # Small figures each process keeps for itself (the home page, the theme index): read without a round trip.
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 1000}},
    # Whole public pages and API answers for visitors not signed in (reviews.page_cache), each process its own: up
    # to about 100 kB each (a search page at 100,000 reviews), so at most about 50 MB a process.
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 500}},
}

# Request counters for the rate limits (scrportal.ratelimit). On the database cache they get a table of their own,
# so that many clients' counters never push cached figures out of the shared one (`createcachetable` makes both),
# and a timeout of a minute's window: the database cache's incr() sets the default timeout again.
CACHES["ratelimit"] = (
    {**CACHES["default"], "LOCATION": "scrportal_ratelimit", "TIMEOUT": 65, "OPTIONS": {"MAX_ENTRIES": 10_000}}
    if CACHES["default"]["BACKEND"].endswith("DatabaseCache")
    else CACHES["default"]
)

# Rate limits: requests a minute from one client address, per kind of request. On unless RATE_LIMITS=0, which is
# for benchmarks and capacity tests only. Each limit can be changed with RATE_LIMIT_<BUCKET>, e.g. RATE_LIMIT_CSV.
RATE_LIMITS_ENABLED = env_bool("RATE_LIMITS", True)
RATE_LIMIT_PER_MINUTE = {
    bucket: env_int(f"RATE_LIMIT_{bucket.upper()}", default)
    for bucket, default in {
        "search": 120,  # the search page; a person ticking filters quickly makes a few a minute
        "api": 120,
        "csv": 10,  # whole searches, the costliest request
        "feeds": 60,
        "alerts": 10,  # alert sign-up posts (learning.services also limits sign-ups an hour)
        "feedback": 10,  # feedback posts
    }.items()
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "SCR Learning Portal <noreply@localhost>")
# The portal's address for links in the daily alert digests the task queue sends (learning.tasks); empty: the
# address each person signed up on.
ALERTS_SITE_URL = os.environ.get("ALERTS_SITE_URL", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
