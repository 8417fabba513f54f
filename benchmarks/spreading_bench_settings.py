"""Settings for the spreading benchmark: production settings with a pool of PostgreSQL
connections (Django's built-in pool, psycopg-pool), so 100 booking threads share at most 40
connections — PostgreSQL's default allows 100 in all, and other clients need some."""

from innovera.settings import *  # noqa: F403

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
    DATABASES["default"]["OPTIONS"] = {  # noqa: F405
        **DATABASES["default"].get("OPTIONS", {}),  # noqa: F405
        "pool": {"min_size": 40, "max_size": 40, "timeout": 60},
    }

# Pages are rendered in-process without `collectstatic`; plain storage names the files.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The benchmark sends hundreds of requests a minute from one address on purpose.
RATELIMIT_ENABLE = False
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}  # noqa: F405
