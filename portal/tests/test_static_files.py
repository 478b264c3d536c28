"""Production static files: hashed names served with far-future expiry, and pre-compressed.

Production (portal.settings.base STORAGES) uses whitenoise's CompressedManifestStaticFilesStorage:
`collectstatic` writes each file under a name with its content hash plus a `.gz` copy, and
whitenoise sends `Cache-Control: max-age=315360000, public, immutable` for hashed names (a
changed file gets a new name, so browsers may keep the old one forever). Collected here from
the portal's own static/ only, so the test stays fast.
"""

import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client

from portal.settings import base


@pytest.fixture
def collected(settings, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**django_settings.STORAGES, "staticfiles": base.STORAGES["staticfiles"]}
    settings.STATICFILES_DIRS = [base.BASE_DIR / "static"]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    call_command("collectstatic", interactive=False, verbosity=0)
    return tmp_path


def test_production_uses_the_compressed_manifest_storage():
    assert base.STORAGES["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_hashed_static_file_is_cached_forever(collected, db):
    url = staticfiles_storage.url("css/site.css")
    assert url != "/static/css/site.css"  # the name carries the hash

    response = Client().get(url)  # a new client: whitenoise reads STATIC_ROOT when it starts

    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    gzipped = Client().get(url, headers={"accept-encoding": "gzip"})
    assert gzipped["Content-Encoding"] == "gzip"
    name = staticfiles_storage.stored_name("css/site.css")
    assert (collected / f"{name}.gz").exists()


def test_unhashed_name_is_not_cached_forever(collected, db):
    response = Client().get("/static/css/site.css")

    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]
