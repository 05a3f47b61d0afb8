"""Settings for JoinedUp, read from the environment.

The defaults are for the demo only (an embedded SQLite file, a throwaway
secret key). Debug is off unless ``DEBUG=1`` is set, in the demo too: an error
shows JoinedUp's own page with the security headers, never Django's technical
page (settings, every URL) to whoever is signed in. Production sets ``DJANGO_ENV=production`` and gives
``SECRET_KEY``, ``DATABASE_URL`` and ``ALLOWED_HOSTS``; it refuses to start
with the demo secret key.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
REPO_ROOT = BASE_DIR.parent

ENVIRONMENT = os.environ.get("DJANGO_ENV", "demo")
PRODUCTION = ENVIRONMENT == "production"
DEMO_SECRET_KEY = "demo-only-insecure-key-never-use-in-production"

SECRET_KEY = os.environ.get("SECRET_KEY", DEMO_SECRET_KEY)
if PRODUCTION and SECRET_KEY == DEMO_SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production")

DEBUG = os.environ.get("DEBUG", "0") == "1"  # only for a developer on their own machine
ALLOWED_HOSTS = [
    h for h in os.environ.get("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # runserver leaves static files to WhiteNoise, as production does, with or without DEBUG.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "django_tasks_db",
    "joinedup.core",
    "joinedup.audit",
    "joinedup.directory",
    "joinedup.patients",
    "joinedup.concerns",
    "joinedup.referrals",
    "joinedup.diagnostics",
    "joinedup.letters",
    "joinedup.coordination",
    "joinedup.insights",
    "joinedup.patientview",
    "joinedup.api",
    "joinedup.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "joinedup.core.middleware.RefuseNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "joinedup.directory.middleware.CurrentRoleMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "joinedup.config.urls"
WSGI_APPLICATION = "joinedup.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "joinedup.config.jinja2.environment"},
    },
    {
        # Kept for Django's own templates (admin-free, but error pages and forms use it).
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
    },
]

DEFAULT_SQLITE = f"sqlite:///{REPO_ROOT / 'var' / 'joinedup.sqlite3'}"
# Connections are kept for a minute and checked before reuse, so a database restart costs the
# requests in flight at that moment, not every request on every kept connection afterwards.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", DEFAULT_SQLITE), conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a writer instead of failing at once: the demo serves and seeds one file.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "directory.Person"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Patients sign in with NHS login (OpenID Connect, mozilla-django-oidc; decision 0017). Empty
# endpoints: patient sign-in is off. The demo and the tests point these at a local provider.
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("NHS_LOGIN_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("NHS_LOGIN_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("NHS_LOGIN_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("NHS_LOGIN_JWKS_ENDPOINT", "")
OIDC_RP_CLIENT_ID = os.environ.get("NHS_LOGIN_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("NHS_LOGIN_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = os.environ.get("NHS_LOGIN_SCOPES", "openid profile email")
OIDC_USE_PKCE = True
# Match the ID token to its key by key id; only a one-key local provider (the demo's) may turn this off.
OIDC_VERIFY_KID = os.environ.get("NHS_LOGIN_VERIFY_KID", "1") == "1"
OIDC_AUTHENTICATION_CALLBACK_URL = "patientview:callback"
# The least identity proofing that may see health records (NHS login: P9, high).
NHS_LOGIN_MINIMUM_PROOFING = os.environ.get("NHS_LOGIN_MINIMUM_PROOFING", "P9")

# Lock-out after repeated failed sign-ins (django-axes), decision 0014. By default by username
# alone, whatever the address: guesses at one account spread over many addresses still lock it,
# and a whole surgery (or every user behind the load balancer) sharing one address is never
# locked out together. The lock lifts by itself after the cool-off, so locking someone out on
# purpose costs the attacker as much as it costs them. ``SIGN_IN_LOCKOUT_BY`` takes other
# policies: "username+ip_address" (the pair), "ip_address", or several separated by commas
# (any one locks). ``TRUSTED_PROXY_COUNT`` says how many proxies stand in front of the app,
# so the address recorded is the client's, not the load balancer's (core/client_address.py).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [
    policy.split("+") if "+" in policy else policy
    for policy in (p.strip() for p in os.environ.get("SIGN_IN_LOCKOUT_BY", "username").split(","))
    if policy
]
# axes warns when the address is not part of the lock-out; by username is the policy on purpose (above).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "joinedup.core.client_address.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "joinedup.core.views.locked_out"
AXES_VERBOSE = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Collected files only in production; the demo serves straight from the finders (WhiteNoise, DEBUG or not).
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", REPO_ROOT / "var" / "staticfiles")) if PRODUCTION else None
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "JoinedUp <no-reply@joinedup.invalid>")

# Security headers. The CSP allows only our own origin; the one inline script of the
# NHS.UK template carries a per-request nonce. The NHS.UK frontend's CSS loads the Frutiger
# typeface from the NHS's own asset host (licensed for NHS services), so fonts may come from there.
NHS_FONT_HOST = "https://assets.nhs.uk"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "font-src": [SELF, NHS_FONT_HOST],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8  # one working shift
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
if PRODUCTION:
    # Cookies only over HTTPS. ``SECURE_COOKIES=0`` exists for one case: the load test, which
    # talks plain HTTP to the production stack on loopback; never behind a real TLS front.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = os.environ.get("SECURE_COOKIES", "1") == "1"
    SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
    SECURE_REDIRECT_EXEMPT = [r"^health/"]  # the load balancer probes over plain HTTP inside the network
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# Logs go to standard output, one JSON object a line in production (``LOG_FORMAT=json``) so the
# platform's log collector can search them by field; plain lines in the demo.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json" if PRODUCTION else "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger", "process": "pid"},
        },
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Interface concerns: the designated lead's clocks, in working days (England's calendar).
CONCERN_ACKNOWLEDGE_WORKING_DAYS = int(os.environ.get("CONCERN_ACKNOWLEDGE_WORKING_DAYS", "2"))
CONCERN_RESPONSE_WORKING_DAYS = int(os.environ.get("CONCERN_RESPONSE_WORKING_DAYS", "10"))

# Referrals, advice and guidance, direct-access diagnostics: clocks and limits (issue 3).
# A&G answered within 5 working days (rule ag_response); triage within a set number of working
# days; direct-access diagnostics reported within 4 weeks (rule direct_access_diagnostics).
AG_RESPONSE_WORKING_DAYS = int(os.environ.get("AG_RESPONSE_WORKING_DAYS", "5"))
# A patient's question is answered by the owner of the next step within this many working days.
PATIENT_QUESTION_WORKING_DAYS = int(os.environ.get("PATIENT_QUESTION_WORKING_DAYS", "2"))
REFERRAL_TRIAGE_WORKING_DAYS = int(os.environ.get("REFERRAL_TRIAGE_WORKING_DAYS", "3"))
DIAGNOSTIC_REPORT_DAYS = int(os.environ.get("DIAGNOSTIC_REPORT_DAYS", "28"))
PATIENT_CHOICE_SHORTLIST_MAX = int(os.environ.get("PATIENT_CHOICE_SHORTLIST_MAX", "5"))
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", str(5 * 1024 * 1024)))

# Hospital letters: timeliness thresholds (rules discharge_summary_24h, clinic_letter_7_days).
DISCHARGE_SUMMARY_HOURS = int(os.environ.get("DISCHARGE_SUMMARY_HOURS", "24"))
CLINIC_LETTER_DAYS = int(os.environ.get("CLINIC_LETTER_DAYS", "7"))

# Background work (django-tasks): the database backend, so queued work survives a restart;
# the worker is ``manage.py db_worker`` (``make demo`` runs one beside the web server).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Readiness fails when a queued task has waited longer than this (the worker is down or stuck).
WORKER_STALL_SECONDS = int(os.environ.get("WORKER_STALL_SECONDS", "300"))

# MESH mailbox for hospital letters (transfer of care), polled by ``manage.py mesh_poll``.
MESH_URL = os.environ.get("MESH_URL", "")
MESH_MAILBOX = os.environ.get("MESH_MAILBOX", "")
MESH_PASSWORD = os.environ.get("MESH_PASSWORD", "")
MESH_SHARED_KEY = os.environ.get("MESH_SHARED_KEY", "")
MESH_CLIENT_CERT = os.environ.get("MESH_CLIENT_CERT", "")  # path to the client certificate (PEM), if any
MESH_CLIENT_KEY = os.environ.get("MESH_CLIENT_KEY", "")
MESH_CA_CERT = os.environ.get("MESH_CA_CERT", "")  # verify the server with this CA bundle, if given
MESH_POLL_SECONDS = float(os.environ.get("MESH_POLL_SECONDS", "30"))
MESH_POLL_MAX_BACKOFF_SECONDS = float(
    os.environ.get("MESH_POLL_MAX_BACKOFF_SECONDS", "300")
)  # MESH away: wait at most this
MESH_POLL_WORKERS = int(os.environ.get("MESH_POLL_WORKERS", "4"))  # messages taken in at once (1 on SQLite)
# Largest upload (text, PDF or FHIR document) a trust may send by hand.
LETTER_UPLOAD_MAX_BYTES = int(os.environ.get("LETTER_UPLOAD_MAX_BYTES", str(5 * 1024 * 1024)))
# Reading an uploaded PDF's text: in a child process killed after this many seconds, from at most
# this many pages and characters (a hostile PDF can take hours, or expand to gigabytes).
LETTER_PDF_SECONDS = float(os.environ.get("LETTER_PDF_SECONDS", "10"))
LETTER_PDF_MAX_PAGES = int(os.environ.get("LETTER_PDF_MAX_PAGES", "50"))
LETTER_PDF_MAX_CHARACTERS = int(os.environ.get("LETTER_PDF_MAX_CHARACTERS", "500000"))
# A letter asking for thousands of things is not a letter a practice can work through: the
# reader's actions kept per letter (the first, in the letter's order; the page says how many more),
# and the letter page shows long letters a part at a time (about this many characters a part).
LETTER_MAX_READER_ACTIONS = int(os.environ.get("LETTER_MAX_READER_ACTIONS", "200"))
LETTER_PAGE_CHARACTERS = int(os.environ.get("LETTER_PAGE_CHARACTERS", "40000"))

# Service names shown in the interface; the address emails link to.
SERVICE_NAME = "JoinedUp"
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

CSRF_FAILURE_VIEW = "joinedup.core.views.csrf_failure"

# Where `manage.py seed` writes the demo FHIR API clients' private keys (never committed). The tests
# point it at a temporary folder, so a seed inside a test never replaces a running demo's keys.
API_DEMO_KEY_DIR = os.environ.get("API_DEMO_KEY_DIR", str(REPO_ROOT / "var" / "api-keys"))
# FHIR Subscriptions (decision 0024): endpoints must be https unless this is on (a developer's machine,
# the tests' subscriber on localhost).
API_SUBSCRIPTION_ALLOW_HTTP = os.environ.get("API_SUBSCRIPTION_ALLOW_HTTP", "1" if DEBUG else "0") == "1"

# The demand on general practice (insights): the GP time each piece of inbound interface work takes,
# in minutes, and the length of a GP appointment. These are assumptions, stated on the page so a
# reader can check the estimate; change them here for local evidence.
DEMAND_MINUTES = {
    "letters.practice_requests_appropriate": 5,  # read the request in the letter and do it
    "letters.practice_requests_inappropriate": 10,  # work out it is the hospital's, then do or redirect it
    "referrals.practice_referral_answers": 15,  # read the advice, act on it, tell the patient, maybe refer again
    "referrals.practice_advice_answers": 10,  # read the advice or question and act on it
    "diagnostics.practice_results": 5,  # review the report and file it with an action
}
GP_APPOINTMENT_MINUTES = int(os.environ.get("GP_APPOINTMENT_MINUTES", "10"))

# Insights' incremental refresh (decision 0022): a recorded change in a domain that registers measures
# refreshes that domain's figures for this month and the months before it, this many in all (a clock
# ending late changes the month the work was sent in, not the month it was answered).
INSIGHTS_REFRESH_MONTHS = int(os.environ.get("INSIGHTS_REFRESH_MONTHS", "3"))
# Who receives the ICB's monthly board pack by email: people of the ICB holding these roles.
INSIGHTS_PACK_ROLES = [r for r in os.environ.get("INSIGHTS_PACK_ROLES", "icb_analyst").split(",") if r]
