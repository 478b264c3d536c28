"""Development and demo settings (manage.py's default; scripts/run-demo uses them).

DEBUG stays off unless DJANGO_DEBUG=1, so the demo shows the designed 404 and
500 pages (templates/404.html, 500.html) rather than Django's technical pages,
which list every URL pattern and setting. whitenoise serves static files
straight from the app directories (no collectstatic) and picks up edits, and
the media files are served by Django (SERVE_MEDIA).
"""

from .base import *  # noqa: F401,F403
from .base import SECRET_KEY as _SECRET_KEY
from .base import env_bool

DEBUG = env_bool("DJANGO_DEBUG", False)
# A development-only key; production refuses to start without SECRET_KEY.
SECRET_KEY = _SECRET_KEY or "dev-only-insecure-key-change-me"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SERVE_MEDIA = True
