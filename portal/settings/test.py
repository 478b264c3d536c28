from .base import *  # noqa: F401,F403
from .base import CACHES, REDIS_URL

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests share Redis with other checkouts: keep their keys apart.
if REDIS_URL:
    CACHES["default"]["KEY_PREFIX"] = "shuxiang-test"
# The page cache stays on (conftest.py clears the cache around every test); one test process has one clock.
PAGE_CACHE_CLOCK_SKEW = 0
