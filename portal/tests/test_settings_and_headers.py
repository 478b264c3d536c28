"""Production settings, security headers, and an intranet site that loads nothing from outside."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

REPO = Path(__file__).resolve().parents[2]


def run(args, **env):
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    base.update(env)
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, env=base, capture_output=True, text=True, timeout=120, check=False
    )


IMPORT_SETTINGS = "import django; django.setup(); from django.conf import settings; print(len(settings.SECRET_KEY))"


@pytest.mark.parametrize("secret_key", [None, "", "too-short-" * 4])
def test_production_refuses_to_start_without_a_long_secret_key(secret_key):
    env = {"DJANGO_SETTINGS_MODULE": "portal.settings.production"}
    if secret_key is not None:
        env["SECRET_KEY"] = secret_key

    result = run(["-c", IMPORT_SETTINGS], **env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_starts_with_a_long_secret_key():
    key = secrets.token_urlsafe(64)
    result = run(["-c", IMPORT_SETTINGS], DJANGO_SETTINGS_MODULE="portal.settings.production", SECRET_KEY=key)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(len(key))


def test_check_deploy_has_no_warnings():
    result = run(
        ["manage.py", "check", "--deploy", "--settings=portal.settings.production"],
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="reading.example.gov.cn",
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output
    assert "ERRORS" not in output
    assert "no issues" in output


def test_test_settings_are_not_production():
    assert not settings.DEBUG
    assert settings.SECRET_KEY != ""


@pytest.mark.django_db
class TestContentSecurityPolicy:
    def test_public_pages_send_a_strict_policy(self, client, site_tree):
        for page in (site_tree.home, site_tree.article, site_tree.event):
            response = client.get(page.url)
            policy = response["Content-Security-Policy"]
            assert "default-src 'self'" in policy
            assert "script-src 'self'" in policy
            assert "unsafe-inline" not in policy
            assert "unsafe-eval" not in policy
            assert "object-src 'none'" in policy

    def test_not_found_and_search_send_the_policy(self, client, home_page):
        for url in ("/zh-hans/no-such-page/", "/zh-hans/search/?q=%E8%AF%BB%E4%B9%A6"):
            assert "default-src 'self'" in client.get(url)["Content-Security-Policy"]

    def test_admin_sends_its_own_policy(self, client):
        response = client.get("/admin/login/")
        assert response.status_code == 200
        assert "default-src 'self'" in response["Content-Security-Policy"]

    def test_other_security_headers(self, client, home_page):
        response = client.get(home_page.url)
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] in ("DENY", "SAMEORIGIN")


ASSET_TAGS = re.compile(r"<(script|link|img|source|iframe|video|audio)\b[^>]*>", re.IGNORECASE)
ASSET_URL = re.compile(r'\b(?:src|href|srcset)\s*=\s*["\']([^"\']+)["\']', re.IGNORECASE)
LOCAL_HOSTS = {"", "testserver", "localhost"}
# <link> relations that point at pages rather than load anything.
PAGE_LINK_RELS = {"canonical", "alternate"}


def asset_urls(html):
    for tag in ASSET_TAGS.finditer(html):
        text = tag.group(0)
        rel = re.search(r'\brel\s*=\s*["\']([^"\']+)["\']', text)
        if tag.group(1).lower() == "link" and rel and rel.group(1).lower() in PAGE_LINK_RELS:
            continue
        for url in ASSET_URL.findall(text):
            for part in url.split(","):
                yield part.strip().split(" ")[0]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["home", "campaign", "event", "article", "article_index"])
def test_every_asset_is_served_locally(client, site_tree, name):
    html = client.get(getattr(site_tree, name).url).content.decode()

    urls = list(asset_urls(html))
    assert any(url.endswith(".css") for url in urls), "no stylesheet found"
    for url in urls:
        parts = urlsplit(url)
        assert parts.hostname in (None, *LOCAL_HOSTS), f"external asset {url}"
        assert not url.startswith("//"), url
        if parts.path.startswith(settings.STATIC_URL):
            path = parts.path[len(settings.STATIC_URL) :]
            assert finders.find(path), f"{url} is not a file in static/"

    lowered = html.lower()
    for marker in ("gravatar", "googleapis", "gstatic", "cdn.", "cdnjs", "jsdelivr", "unpkg", "bootcdn"):
        assert marker not in lowered, marker
    assert not re.search(r'<script[^>]+src="https?://', html)
    assert not re.search(r'<link[^>]+href="https?://(?!testserver|localhost)[^"]*"[^>]*rel="stylesheet"', html)


@pytest.mark.django_db
def test_admin_login_loads_nothing_from_outside(client):
    html = client.get("/admin/login/").content.decode().lower()
    for marker in ("gravatar", "googleapis", "gstatic", "jsdelivr", "unpkg"):
        assert marker not in html
    for url in asset_urls(html):
        assert urlsplit(url).hostname in (None, *LOCAL_HOSTS), url


@pytest.mark.django_db
@pytest.mark.skipif("postgresql" not in settings.DATABASES["default"]["ENGINE"], reason="PostgreSQL only")
def test_postgres_connections_compile_no_jit():
    """A page's queries pass jit_above_cost at full scale; compiling cost more than running them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
