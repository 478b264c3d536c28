"""The demo server shows the designed error pages (item 16 of the outside audit).

`scripts/run-demo` runs `manage.py runserver` with portal.settings.dev. With
DEBUG on, a missing address showed Django's technical 404 listing every URL
pattern. The development settings now keep DEBUG off unless DJANGO_DEBUG=1,
and whitenoise serves static files from the app directories, so the demo looks
and fails like the real site.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PRINT_SETTINGS = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DEBUG, settings.WHITENOISE_USE_FINDERS, settings.SERVE_MEDIA)"
)


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    env.update(extra)
    return env


def dev_settings(**extra):
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=REPO,
        env=clean_env(DJANGO_SETTINGS_MODULE="portal.settings.dev", **extra),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.split()


def test_dev_settings_keep_debug_off_by_default():
    assert dev_settings() == ["False", "True", "True"]


def test_dev_settings_turn_debug_on_with_django_debug():
    assert dev_settings(DJANGO_DEBUG="1")[0] == "True"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


@pytest.fixture(scope="module")
def dev_server(tmp_path_factory):
    """`manage.py runserver` with the development settings on a scratch SQLite database."""
    scratch = tmp_path_factory.mktemp("devserver")
    (scratch / "media").mkdir()
    (scratch / "media" / "hello.txt").write_text("media ok")
    env = clean_env(
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DATABASE_URL=f"sqlite:///{scratch / 'db.sqlite3'}",
        MEDIA_ROOT=str(scratch / "media"),
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=REPO,
        env=env,
        check=True,
        timeout=600,
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_a_missing_page_shows_the_designed_404(dev_server):
    status, body = fetch(f"{dev_server}/en/about/")
    assert status == 404
    assert "URLconf" not in body and "Using the URLconf" not in body
    assert "DEBUG = True" not in body
    assert "error-page__code" in body


def test_static_files_are_still_served(dev_server):
    status, body = fetch(f"{dev_server}/static/css/site.css")
    assert status == 200
    assert "font-family" in body
    # Wagtail's admin files come from its app directory (the finders), not a collectstatic copy.
    assert fetch(f"{dev_server}/static/wagtailadmin/css/core.css")[0] == 200


def test_media_files_are_served(dev_server):
    assert fetch(f"{dev_server}/media/hello.txt") == (200, "media ok")
