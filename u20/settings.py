"""Settings for the U20 summit platform.

Everything that differs between a laptop and production comes from the
environment; there is no second settings file.
"""

import os
import tempfile
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
# Without a key outside debugging, SECRET_KEY stays empty: commands that sign
# nothing (makemigrations, check) still run, Django refuses any use of the
# key, the web application refuses to start (u20/wsgi.py), and the system
# checks warn (u20/checks.py).
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or (
    "insecure-development-key-set-DJANGO_SECRET_KEY-in-production" if DEBUG else ""
)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "modeltranslation",
    "u20.apps.SummitAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # allauth's security-key pages format their dates with it.
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "u20.apps.TaskQueueConfig",
    "auditlog",
    "u20",
    "sessions.apps.AgendaConfig",
    "recommendations",
    "media_contacts",
    "certificates",
    "demo",
    # The public API (django-ninja); ninja's own app serves Swagger UI's files.
    "ninja",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "u20.middleware.StaffSessionMiddleware",
    "u20.middleware.SecurityHeadersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "u20.urls"
WSGI_APPLICATION = "u20.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "u20.context_processors.site",
                "u20.context_processors.menu",
            ],
        },
    },
]
# Email, phone and link inputs read left to right on Arabic pages too.
FORM_RENDERER = "u20.bidi.FormRenderer"

# Storage: SQLite on one machine, PostgreSQL when DATABASE_URL says so.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Tests run on a file too: threads must see one database and wait for
    # its lock, which an in-memory shared-cache database does not allow.
    # One file per test process, so that two test runs never share one.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"u20-test-{os.getpid()}.sqlite3")
    }
    # Writers queue for the lock instead of failing at once; transactions take
    # the write lock when they begin, so a count-then-write cannot interleave.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "u20"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whole public pages are cached for anonymous visitors (u20.pagecache) this
# long at most, and sent with Cache-Control: public, max-age of the same; 0
# turns the page cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Accounts (django-allauth): email and password, email verified before any
# registration, rate limits kept in the shared cache.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "U20 · "
ACCOUNT_SIGNUP_FORM_CLASS = "sessions.forms.SignupProfileForm"
ACCOUNT_FORMS = {"signup": "sessions.accounts.SignupForm"}
ACCOUNT_ADAPTER = "sessions.accounts.AccountAdapter"
ACCOUNT_USER_DISPLAY = "sessions.accounts.user_display"
# allauth's default rate limits stay on; they count in the shared cache.
# Two-factor authentication (allauth.mfa): an authenticator app with recovery
# codes, or a security key. The admin lets staff in only once a second factor
# has been passed in the session (u20.admin_site); attendees may turn it on.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "U20 Summit"
# A code from the period before or after is accepted: phones drift.
MFA_TOTP_TOLERANCE = 1
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
# Every change of password, email or second factor is emailed to the account.
ACCOUNT_EMAIL_NOTIFICATIONS = True
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "me:index"
ACCOUNT_LOGOUT_REDIRECT_URL = "u20:home"

# Background work (email, reminders) runs in `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Registration: when the join link appears, when reminders go out.
JOIN_WINDOW_MINUTES = int(os.environ.get("JOIN_WINDOW_MINUTES", "15"))
REMINDER_MINUTES = int(os.environ.get("REMINDER_MINUTES", "60"))
# Hosts whose players a session page may embed as its public livestream;
# the page's CSP frame-src names the one it shows.
LIVESTREAM_HOSTS = env_list(
    "LIVESTREAM_HOSTS", "www.youtube-nocookie.com,player.vimeo.com,player.twitch.tv"
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: English and Arabic, every public URL under a prefix.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ar", _("Arabic"))]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "ar")}
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "u20.staticfiles.AppDirectoriesWithoutUnusedFinder",
]
MEDIA_URL = "/media-files/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))


# Uploads: in MEDIA_ROOT on one machine; in an S3-compatible object store,
# which every machine shares, when the environment names a bucket.
def object_store(environ) -> dict | None:
    """STORAGES["default"] for an S3-compatible bucket, or None for the
    filesystem (MEDIA_ROOT, served by u20.media). MEDIA_STORAGE_URL reads
    s3://[KEY:SECRET@]BUCKET[/PREFIX][?OPTION=VALUE&...], the options being
    endpoint_url, region_name, custom_domain and addressing_style; without it,
    AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL, AWS_S3_REGION_NAME and
    AWS_S3_CUSTOM_DOMAIN say the same. Credentials the URL does not carry come
    from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or from the machine's role."""
    known = {"endpoint_url", "region_name", "custom_domain", "addressing_style"}
    options = {}
    if url := environ.get("MEDIA_STORAGE_URL", "").strip():
        parts = urlsplit(url)
        credentials, at, bucket = parts.netloc.rpartition("@")
        query = dict(parse_qsl(parts.query))
        if parts.scheme != "s3" or not bucket or not query.keys() <= known:
            raise ImproperlyConfigured(
                "MEDIA_STORAGE_URL reads s3://[KEY:SECRET@]BUCKET[/PREFIX][?OPTION=VALUE&...]"
                f" with options among {', '.join(sorted(known))}."
            )
        if at:
            key, _colon, secret = credentials.partition(":")
            options.update(access_key=unquote(key), secret_key=unquote(secret))
        options.update(bucket_name=bucket, location=parts.path.strip("/"), **query)
    elif bucket := environ.get("AWS_STORAGE_BUCKET_NAME", "").strip():
        options["bucket_name"] = bucket
        for name, variable in [
            ("endpoint_url", "AWS_S3_ENDPOINT_URL"),
            ("region_name", "AWS_S3_REGION_NAME"),
            ("custom_domain", "AWS_S3_CUSTOM_DOMAIN"),
        ]:
            if value := environ.get(variable, "").strip():
                options[name] = value
    else:
        return None
    # Pages link to the images at one lasting address, made here, that the
    # Content Security Policy names too: the custom domain (a CDN) if there
    # is one, else the bucket at the endpoint, or at Amazon's in its region.
    if "custom_domain" not in options:
        bucket, region = options["bucket_name"], options.get("region_name")
        if endpoint := options.get("endpoint_url"):
            site = urlsplit(endpoint)
            options["url_protocol"] = f"{site.scheme}:"
            host = f"{site.netloc}{site.path.rstrip('/')}"
            virtual = options.get("addressing_style") == "virtual"
            options["custom_domain"] = f"{bucket}.{host}" if virtual else f"{host}/{bucket}"
        else:
            amazon = f"s3.{region}.amazonaws.com" if region else "s3.amazonaws.com"
            options["custom_domain"] = f"{bucket}.{amazon}"
    # Images are public content at unsigned addresses, readable through a
    # bucket policy on their folders (README); objects get no ACL, which many
    # stores have turned off. A name is never written twice (u20.images).
    options.update(querystring_auth=False, default_acl=None, file_overwrite=False)
    return {"BACKEND": "u20.storage.ObjectStorage", "OPTIONS": options}


def media_image_sources(storage: dict) -> list[str]:
    """Where images come from besides this site: the object store's address."""
    options = storage.get("OPTIONS", {})
    if "custom_domain" not in options:
        return []
    return [f"{options.get('url_protocol', 'https:')}//{options['custom_domain']}/"]


STORAGES = {
    "default": object_store(os.environ)
    or {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Source maps are fetched only by a browser's developer tools: collectstatic
# leaves them uncompressed, which roughly halves its time.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [
    *Compressor.SKIP_COMPRESS_EXTENSIONS,
    "map",
]

# Uploaded images: formats, byte and pixel limits (see u20/images.py).
IMAGE_MAX_BYTES = int(os.environ.get("IMAGE_MAX_BYTES", 5 * 1024 * 1024))
IMAGE_MAX_PIXELS = int(os.environ.get("IMAGE_MAX_PIXELS", 25_000_000))
PDF_MAX_BYTES = int(os.environ.get("PDF_MAX_BYTES", 20 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Email: the console while debugging, SMTP otherwise. The environment keeps
# Django's classic variable names; they fill Django 6.1's MAILERS setting.
EMAIL_BACKEND_PATH = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH}}
if EMAIL_BACKEND_PATH == "django.core.mail.backends.smtp.EmailBackend":
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "25")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "timeout": 20,
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "U20 Summit <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where links in emails and calendar feeds point.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
MEDIA_TEAM_EMAIL = os.environ.get("MEDIA_TEAM_EMAIL", "media@localhost")

# Security headers. DJANGO_HTTPS (on unless debugging) turns on the redirect to
# https, HSTS and secure cookies, so `check --deploy` is clean in production
# while local http and the test server still work.
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Sessions are read from the shared cache and written through to the
# database, so a signed-in request costs no session query while the cache
# holds it, and none is lost when the cache is emptied.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Staff sessions end after this long without a request, and this long after
# they began, whatever they do (u20.middleware.StaffSessionMiddleware).
# Attendees keep Django's two weeks (SESSION_COOKIE_AGE).
STAFF_SESSION_IDLE_MINUTES = int(os.environ.get("STAFF_SESSION_IDLE_MINUTES", "30"))
STAFF_SESSION_MAX_HOURS = int(os.environ.get("STAFF_SESSION_MAX_HOURS", "12"))
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
# Plain http is sent to the site's own address, on its own port.
SECURE_SSL_HOST = urlsplit(SITE_URL).netloc if HTTPS else None
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The load balancer's health check speaks plain http.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

SECURE_CSP = {
    # Nothing is allowed that is not named below.
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *media_image_sources(STORAGES["default"])],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    # Violations are logged (u20.views.csp_report): report-uri for browsers
    # of today, report-to for the Reporting API (see Reporting-Endpoints).
    "report-uri": ["/csp-report"],
    "report-to": "csp",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# The public read-only API at /api/v1/: requests per client address (every
# request counts; "600/m", "10000/h"), and how long a built answer is kept in
# the shared cache and by caches on the way (0 builds every answer anew).
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "600/m")
API_CACHE_SECONDS = int(os.environ.get("API_CACHE_SECONDS", "60"))

# Press office: how many interview requests one address may send (every POST
# counts; "10/h", "20/d"), and how many days after a request is closed the
# journalist's details are erased (`manage.py anonymise_requests`).
INTERVIEW_REQUEST_RATE = os.environ.get("INTERVIEW_REQUEST_RATE", "10/h")
INTERVIEW_RETENTION_DAYS = int(os.environ.get("INTERVIEW_RETENTION_DAYS", "365"))

# Release alerts: how many subscriptions one address may ask for, how many
# days a confirmation link works before an unconfirmed address is forgotten
# (`manage.py prune_alert_subscriptions`), and how many alerts are queued in
# one transaction.
ALERT_SUBSCRIBE_RATE = os.environ.get("ALERT_SUBSCRIBE_RATE", "10/h")
ALERT_CONFIRM_DAYS = int(os.environ.get("ALERT_CONFIRM_DAYS", "7"))
ALERT_BATCH_SIZE = int(os.environ.get("ALERT_BATCH_SIZE", "500"))

# Certificates of attendance: how many codes one address may look up on the
# verification page (every look-up counts, found or not), so that guessing
# codes gets nowhere.
CERTIFICATE_LOOKUP_RATE = os.environ.get("CERTIFICATE_LOOKUP_RATE", "60/h")

# Audit trail (django-auditlog): each app registers its models in its
# AppConfig.ready() through u20.audit.track. Addresses are not recorded: the
# middleware would take them from X-Forwarded-For, which any client can forge.
# Entries older than AUDIT_RETENTION_DAYS go with `manage.py prune_audit_log`.
AUDITLOG_DISABLE_REMOTE_ADDR = True
AUDIT_RETENTION_DAYS = int(os.environ.get("AUDIT_RETENTION_DAYS", "730"))
