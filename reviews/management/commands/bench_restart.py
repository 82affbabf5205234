"""What readers see while PostgreSQL restarts: gunicorn under steady load while every connection is ended."""

import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from reviews.models import Review

# Ends every other connection to this database: what a PostgreSQL restart does to them ("terminating connection
# due to administrator command"), without stopping a server that others may share.
END_CONNECTIONS = (
    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
    "WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Command(BaseCommand):
    help = (
        "Start gunicorn on this database, send a fixed number of requests to public pages from several threads, "
        "end every database connection (as a PostgreSQL restart does) at chosen points, and print how many "
        "requests there were and how many failed. Run it on your own database only: it ends every connection "
        "to it. Uses the settings in the environment (start production settings with DJANGO_SECURE_SSL_REDIRECT=0)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=3000, help="How many requests in all (default 3000).")
        parser.add_argument("--concurrency", type=int, default=8, help="Threads sending requests (default 8).")
        parser.add_argument("--restarts", type=int, default=3, help="Times every connection is ended (default 3).")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2).")

    def handle(self, *args, requests: int, concurrency: int, restarts: int, workers: int, **options):
        slugs = list(Review.objects.published().order_by("?").values_list("slug", flat=True)[:50])
        if not slugs:
            raise CommandError("No published reviews: load some first (manage.py seed_demo --reviews 1500).")
        paths = ["/", "/reviews/", "/reviews/?q=neglect", "/api/reviews/?q=domestic+abuse", "/themes/"]
        paths += [f"/reviews/{slug}/" for slug in slugs]
        port = free_port()
        log_path = settings.BASE_DIR / "var" / "bench_restart-server.log"
        log_path.parent.mkdir(exist_ok=True)
        log = log_path.open("w")
        server = subprocess.Popen(
            [
                os.path.join(os.path.dirname(sys.executable), "gunicorn"),
                "scrportal.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--threads",
                "4",
            ],
            cwd=settings.BASE_DIR,
            stdout=subprocess.DEVNULL,
            stderr=log,  # a file, not a pipe: a full pipe would block the server's logging, and so its requests
        )
        try:
            base = f"http://127.0.0.1:{port}"
            self._wait_until_serving(base, server)
            results = self._load(base, paths, requests, concurrency, restarts)
        finally:
            server.terminate()
            server.wait(timeout=60)
            log.close()
        self._report(results, log_path.read_text(errors="replace"), requests, concurrency, restarts)
        self.stdout.write(f"The server's log: {log_path}")

    def _wait_until_serving(self, base: str, server: subprocess.Popen) -> None:
        for _attempt in range(600):
            if server.poll() is not None:
                raise CommandError("gunicorn stopped: see var/bench_restart-server.log")
            try:
                with urllib.request.urlopen(f"{base}/", timeout=5) as response:  # noqa: S310 - our own server
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.1)
        raise CommandError("gunicorn did not start serving within a minute")

    def _load(self, base: str, paths: list[str], total: int, concurrency: int, restarts: int) -> dict:
        statuses: Counter = Counter()
        timings: list[float] = []
        ended: list[int] = []
        lock = threading.Lock()
        counter = iter(range(total))
        # Connections are ended after these many requests have been sent, spread evenly through the run.
        end_at = {total * (n + 1) // (restarts + 1) for n in range(restarts)}

        def one_request(n: int) -> None:
            if n in end_at:
                with psycopg.connect(**_connection_params()) as admin:
                    count = admin.execute(END_CONNECTIONS).fetchone()[0]
                with lock:
                    ended.append(count)
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(f"{base}{paths[n % len(paths)]}", timeout=30) as response:  # noqa: S310
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
                status = type(error).__name__
            with lock:
                statuses[status] += 1
                timings.append((time.perf_counter() - started) * 1000)

        def worker() -> None:
            for n in counter:  # shared iterator: each request number is taken once
                one_request(n)

        with ThreadPoolExecutor(concurrency) as pool:
            for _ in range(concurrency):
                pool.submit(worker)
        return {"statuses": statuses, "timings": timings, "ended": ended}

    def _report(self, results: dict, server_log: str, total: int, concurrency: int, restarts: int) -> None:
        statuses, timings = results["statuses"], sorted(results["timings"])
        failed = sum(count for status, count in statuses.items() if not (isinstance(status, int) and status < 500))
        self.stdout.write(
            f"{sum(statuses.values())} requests from {concurrency} threads; every database connection ended "
            f"{len(results['ended'])} times ({', '.join(map(str, results['ended']))} connections ended)"
        )
        self.stdout.write(f"Responses: {dict(sorted(statuses.items(), key=str))}")
        self.stdout.write(
            f"Failed: {failed}. Times: p50 {statistics.median(timings):.0f} ms, "
            f"p95 {timings[int(len(timings) * 0.95) - 1]:.0f} ms, worst {timings[-1]:.0f} ms"
        )
        retried = server_log.count("running it again")
        self.stdout.write(f"Requests whose connection was lost mid-way and were run again: {retried}")


def _connection_params() -> dict:
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    return params
