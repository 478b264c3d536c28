"""Requests per second through gunicorn: the portal's public pages against a bare Django view.

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 REDIS_URL=redis://127.0.0.1:6379/4 \\
        .venv/bin/python bench/http_load.py [--requests 2000] [--concurrency 8] [--rounds 4] [--cache on|off|both]

It starts, on 127.0.0.1 only and on free ports:

- gunicorn with 2 sync workers serving bench/bare_django.py (one "hello" view: the ceiling);
- gunicorn with 2 sync workers serving the portal (portal.settings.production, DEBUG off, a
  random SECRET_KEY, SECURE_SSL_REDIRECT off), once per page-cache mode: PAGE_CACHE_ENABLED=1
  and/or 0 (the setting portal/pagecache.py reads);

then drives every target with the same bounded load client (`--concurrency` threads, each
opening one HTTP/1.0-style connection per request, as gunicorn's sync workers close them), in
`--rounds` rounds that alternate the targets, so that a change in the machine's load falls on
all of them alike. Each target gets `--requests` requests in all, and stops early at
`--time-limit` seconds per round; the whole run stops at `--max-seconds`. It prints req/s, p50
and p95 per target and each target's req/s as a percentage of the bare view's.

The pages (anonymous, zh-hans): home, the current campaign, the catalogue, the most borrowed
book's page and the honour wall, found in the database named by DATABASE_URL (the demo:
`manage.py load_demo`; or a bench database from bench/generate.py). Production settings need
collected static files: `collectstatic` runs first unless `--skip-collectstatic`.

Wall-clock figures belong here, never in tests (DESIGN.md §6). Threads share one Python process
with the GIL, and the servers share the machine with it: the figures compare targets within
one run, on one machine; they are not a capacity.
"""

import argparse
import http.client
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = os.environ.get("PYTHON", str(ROOT / ".venv" / "bin" / "python"))
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
HOST = "127.0.0.1"  # loopback only

FIND_PAGES = """
import json
from booklists.models import Book, CataloguePage
from campaigns.models import CampaignPage
from home.models import HomePage
from honours.models import HonorWallPage

def first(model):
    return model.objects.live().filter(locale__language_code="zh-hans").order_by("path").first()

campaigns = CampaignPage.objects.live().filter(locale__language_code="zh-hans")
campaign = campaigns.current() or campaigns.order_by("path").first()
catalogue = first(CataloguePage)
book = Book.objects.order_by("-loan_count", "pk").first()
pages = {"home": first(HomePage), "campaign": campaign, "catalogue": catalogue, "honour wall": first(HonorWallPage)}
urls = {name: page.url for name, page in pages.items() if page is not None}
if catalogue is not None and book is not None:
    urls["book page"] = f"{catalogue.url}{book.pk}/"
print(json.dumps(urls))
"""
ORDER = ["home", "campaign", "catalogue", "book page", "honour wall"]


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def portal_env(cache_mode):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=env.get("SECRET_KEY") or secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="WARNING",
    )
    if cache_mode is not None:
        env["PAGE_CACHE_ENABLED"] = "1" if cache_mode == "on" else "0"
    return env


class Server:
    def __init__(self, name, app, env):
        self.name, self.port = name, free_port()
        self.process = subprocess.Popen(
            [GUNICORN, app, "--workers", "2", "--worker-class", "sync", "--bind", f"{HOST}:{self.port}"]
            + ["--log-level", "warning", "--timeout", "60"],
            cwd=ROOT,
            env=env,
        )

    def wait_ready(self, path, seconds=90):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name}: gunicorn exited with {self.process.returncode}")
            try:
                status, _ = fetch(self.port, path, timeout=30)
                if status == 200:
                    # Warm both workers (first render, Django's and Wagtail's caches).
                    for _ in range(6):
                        fetch(self.port, path, timeout=30)
                    return
                raise SystemExit(f"{self.name}: {path} answered {status}")
            except OSError:
                time.sleep(0.3)
        raise SystemExit(f"{self.name}: not ready after {seconds} s")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def fetch(port, path, timeout=10):
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": f"{HOST}:{port}", "Accept-Encoding": "identity"})
        response = conn.getresponse()
        body = response.read()
        return response.status, body
    finally:
        conn.close()


def drive(port, path, requests, concurrency, time_limit):
    """`requests` GETs from `concurrency` threads, stopping early at `time_limit` seconds."""
    latencies, statuses = [], Counter()
    lock = threading.Lock()
    issued = [0]
    deadline = time.monotonic() + time_limit

    def worker():
        while True:
            with lock:
                if issued[0] >= requests or time.monotonic() > deadline:
                    return
                issued[0] += 1
            started = time.perf_counter()
            try:
                status, _ = fetch(port, path)
            except OSError as error:
                status = type(error).__name__
            elapsed = time.perf_counter() - started
            with lock:
                statuses[status] += 1
                if status == 200:
                    latencies.append(elapsed)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, latencies, statuses


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests per target in all (default 2000)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=4, help="rounds alternating the targets (default 4)")
    parser.add_argument("--cache", choices=["on", "off", "both"], default="both", help="page cache mode(s)")
    parser.add_argument("--time-limit", type=float, default=60, help="seconds per target and round at most")
    parser.add_argument("--max-seconds", type=float, default=1200, help="seconds for the whole run at most")
    parser.add_argument("--skip-collectstatic", action="store_true")
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        raise SystemExit("DATABASE_URL must name the database to serve (see bench/README.md)")
    run_started = time.monotonic()
    modes = ["on", "off"] if args.cache == "both" else [args.cache]

    env = portal_env(None)
    if not args.skip_collectstatic:
        subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    found = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", FIND_PAGES], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    urls = json.loads(found.stdout.strip().splitlines()[-1])
    pages = [name for name in ORDER if name in urls]

    load_before = os.getloadavg()
    servers = {}
    try:
        servers["bare"] = Server("bare Django", "bench.bare_django:application", dict(os.environ))
        for mode in modes:
            servers[mode] = Server(f"portal (page cache {mode})", "portal.wsgi:application", portal_env(mode))
        servers["bare"].wait_ready("/")
        for mode in modes:
            servers[mode].wait_ready(urls["home"])

        targets = [("bare Django: hello", "bare", "/")]
        targets += [(f"{name} (cache {mode})", mode, urls[name]) for mode in modes for name in pages]
        results = {label: {"wall": 0.0, "latencies": [], "statuses": Counter()} for label, _, _ in targets}
        per_round = max(1, args.requests // args.rounds)
        rounds_done = 0
        for _ in range(args.rounds):
            if time.monotonic() - run_started > args.max_seconds:
                break
            for label, server, path in targets:
                wall, latencies, statuses = drive(
                    servers[server].port, path, per_round, args.concurrency, args.time_limit
                )
                result = results[label]
                result["wall"] += wall
                result["latencies"] += latencies
                result["statuses"] += statuses
            rounds_done += 1
    finally:
        for server in servers.values():
            server.stop()
    load_after = os.getloadavg()

    bare = results["bare Django: hello"]
    bare_rate = len(bare["latencies"]) / bare["wall"] if bare["wall"] else float("nan")
    print()
    print(
        f"bench/http_load.py: {rounds_done} rounds x {per_round} requests per target, concurrency {args.concurrency}, "
        f"gunicorn 2 sync workers per server, {os.cpu_count()} CPUs"
    )
    print(f"database {os.environ['DATABASE_URL'].split('@')[-1]}, REDIS_URL {os.environ.get('REDIS_URL') or '(unset)'}")
    print("load average before {:.2f} {:.2f} {:.2f}, after {:.2f} {:.2f} {:.2f}".format(*load_before, *load_after))
    print()
    columns = [("ok", 5), ("errors", 6), ("req/s", 7), ("p50 ms", 7), ("p95 ms", 7), ("% of bare", 9)]
    print(f"| {'target':<30} | " + " | ".join(f"{name:>{width}}" for name, width in columns) + " |")
    print(f"|{'-' * 32}|{'-' * 6}:|{'-' * 7}:|{'-' * 8}:|{'-' * 8}:|{'-' * 8}:|{'-' * 10}:|")
    for label, _, _ in targets:
        result = results[label]
        ok = len(result["latencies"])
        errors = sum(count for status, count in result["statuses"].items() if status != 200)
        rate = ok / result["wall"] if result["wall"] else float("nan")
        p50 = statistics.median(result["latencies"]) * 1000 if ok else float("nan")
        p95 = percentile(result["latencies"], 0.95) * 1000
        share = 100 * rate / bare_rate if bare_rate else float("nan")
        print(f"| {label:<30} | {ok:>5} | {errors:>6} | {rate:>7.1f} | {p50:>7.1f} | {p95:>7.1f} | {share:>8.1f}% |")
    bad = {label: dict(r["statuses"]) for label, r in results.items() if set(r["statuses"]) - {200}}
    if bad:
        print("\nnon-200 answers:", bad)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
