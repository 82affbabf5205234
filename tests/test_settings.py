"""Production settings: a clear start-up error when config is missing, and `check --deploy` clean."""

import os
import subprocess
import sys

from django.conf import settings

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "SECRET_KEY": "x7-" + "k2Lp9qRt4vWz8bNc6mYh3jFd5sGa1eU0oIiQ" * 2,
    "ALLOWED_HOSTS": "scr-portal.example.org",
    # Production needs a database server; `check` does not connect to it.
    "DATABASE_URL": "postgres://scr@db.example.org:5432/scrportal",
}


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # A clean environment for the child process: nothing from the test run (such as the browser tests'
    # DJANGO_ALLOW_ASYNC_UNSAFE) may leak into what is being checked.
    leave_out = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {key: value for key, value in os.environ.items() if key not in leave_out}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_values():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_missing_secret_key_stops_start_up_with_a_clear_message():
    result = run_manage("check", DJANGO_DEBUG="0", ALLOWED_HOSTS="scr-portal.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_missing_allowed_hosts_stops_start_up_with_a_clear_message():
    result = run_manage("check", DJANGO_DEBUG="0", SECRET_KEY=PRODUCTION["SECRET_KEY"])
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_debug_is_off_unless_asked_for():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
        **{
            **PRODUCTION,
            "DJANGO_DEBUG": "",
        },
    )
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr


def test_pages_send_security_headers(client, db):
    response = client.get("/", secure=True)
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_production_without_database_url_stops_with_a_clear_message():
    result = run_manage("check", **{**PRODUCTION, "DATABASE_URL": ""})
    assert result.returncode != 0
    assert "DATABASE_URL is not set" in result.stderr
    assert "the embedded database is for development only" in result.stderr


def _requirements(name: str) -> set[str]:
    lines = (settings.BASE_DIR / name).read_text().splitlines()
    return {line.split("==")[0].split("[")[0].strip().lower() for line in lines if "==" in line}


def test_development_only_packages_are_not_runtime_requirements():
    runtime, development = _requirements("requirements.txt"), _requirements("requirements-dev.txt")
    for package in ["pgserver", "psutil", "fasteners", "platformdirs", "pytest", "playwright", "ruff"]:
        assert package not in runtime, package
        assert package in development, package


def _setting(name: str, **env: str) -> str:
    result = run_manage("shell", "-c", f"from django.conf import settings; print(settings.{name})", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_hsts_subdomains_and_preload_are_off_unless_asked_for():
    assert _setting("SECURE_HSTS_SECONDS", **PRODUCTION) == "31536000"
    assert _setting("SECURE_HSTS_INCLUDE_SUBDOMAINS", **PRODUCTION) == "False"
    assert _setting("SECURE_HSTS_PRELOAD", **PRODUCTION) == "False"
    opted_in = {**PRODUCTION, "DJANGO_HSTS_INCLUDE_SUBDOMAINS": "1", "DJANGO_HSTS_PRELOAD": "1"}
    assert _setting("SECURE_HSTS_INCLUDE_SUBDOMAINS", **opted_in) == "True"
    assert _setting("SECURE_HSTS_PRELOAD", **opted_in) == "True"
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **opted_in)
    assert result.returncode == 0, result.stdout + result.stderr
