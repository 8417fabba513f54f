"""Settings for the test suite: production settings with plain HTTP and quick hashing.

Middleware reads its settings once when the live test server starts, so these must be set
before Django loads, not patched per test.
"""

import os
import tempfile

os.environ.setdefault("INNOVERA_DATA_DIR", tempfile.mkdtemp(prefix="innovera-test-"))

from innovera.settings import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
# Hashing is deliberately slow in production; the tests sign in hundreds of times.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
REDIS_URL = ""
BACKGROUND_THREADS = False
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001", "django_ratelimit.E003"]
