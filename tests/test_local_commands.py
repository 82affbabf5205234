"""Commands as the README shows them: make targets, the production steps, and `make stop`."""

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.checks import Error
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection

from reviews.models import Review
from scrportal.checks import front_end_is_built, missing_front_end_files
from scrportal.embedded_db import stop_embedded_server
from scrportal.local_stop import stop_web_server

BASE_DIR = Path(settings.BASE_DIR)


def readme_section(title: str) -> str:
    text = (BASE_DIR / "README.md").read_text()
    start = text.index(f"## {title}")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def make_targets() -> set[str]:
    return set(re.findall(r"^([a-z-]+):", (BASE_DIR / "Makefile").read_text(), re.MULTILINE))


@pytest.mark.parametrize("section", ["Set up and run", "Importing reviews in bulk"])
def test_the_readmes_local_commands_are_make_targets(section):
    commands = re.findall(r"```sh\n(.*?)```", readme_section(section), re.DOTALL)
    lines = [line.split("#")[0].strip() for block in commands for line in block.splitlines() if line.strip()]
    assert lines
    for line in lines:
        assert re.match(r"make [a-z-]+", line), line
        assert line.split()[1] in make_targets(), line


def test_make_runs_local_commands_in_development_mode():
    makefile = (BASE_DIR / "Makefile").read_text()
    assert "export DJANGO_DEBUG ?= 1" in makefile
    result = subprocess.run(
        ["make", "-n", "import", "FILE=reviews.jsonl"], cwd=BASE_DIR, capture_output=True, text=True, timeout=60
    )
    assert ".venv/bin/python manage.py import_reviews reviews.jsonl" in result.stdout


def test_production_steps_build_the_css_before_collectstatic_and_migrate():
    steps = readme_section("Configuration")
    assert steps.index("npm run build") < steps.index("collectstatic")
    assert steps.index("manage.py migrate") < steps.index("manage.py collectstatic") < steps.index("bin/gunicorn")


def test_collectstatic_stops_when_the_css_was_not_built(tmp_path, settings):
    settings.BASE_DIR = tmp_path
    settings.DEBUG = False
    assert missing_front_end_files(tmp_path) == [
        "static/build/app.css",
        "node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js",
    ]
    (problem,) = front_end_is_built()
    assert isinstance(problem, Error) and "npm run build" in problem.hint
    with pytest.raises(SystemCheckError, match="front-end files"):
        call_command("collectstatic", "--noinput", "--dry-run", skip_checks=False, verbosity=0)


def test_this_checkout_has_its_front_end_built():
    assert missing_front_end_files(BASE_DIR) == []


def table_exists(name: str) -> bool:
    with connection.cursor() as cursor:
        return name in connection.introspection.table_names(cursor)


def test_migrate_makes_the_cache_table_so_an_import_finishes(db, tmp_path):
    cache_table = settings.CACHES["default"]["LOCATION"]
    call_command("migrate", "reviews", "0010", verbosity=0)  # before the cache table's migration
    assert not table_exists(cache_table)
    call_command("migrate", "reviews", verbosity=0)
    assert table_exists(cache_table)

    line = {
        "title": "Child A: serious case review (Tyneside, 2019)",
        "review_type": "SCR",
        "board": "Tyneside Safeguarding Children Board",
        "region": "North East",
        "published": "2019-03-14",
        "summary": "Child A died aged four months.",
    }
    (tmp_path / "reviews.jsonl").write_text(json.dumps(line) + "\n")
    call_command("import_reviews", str(tmp_path / "reviews.jsonl"), stdout=io.StringIO())
    assert Review.objects.published().count() == 1


def test_stop_ends_the_web_server_that_run_started(tmp_path):
    (tmp_path / "app.py").write_text("def app(environ, start_response):\n    return []\n")
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [str(gunicorn), "--bind", "127.0.0.1:0", "--chdir", str(tmp_path), "app:app"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    pid_file = tmp_path / "gunicorn.pid"
    pid_file.write_text(f"{server.pid}\n")
    try:
        assert stop_web_server(pid_file)
        assert server.wait(timeout=30) == 0  # a graceful stop
        assert not pid_file.exists()
    finally:
        if server.poll() is None:
            server.kill()


def test_stop_leaves_another_programs_process_alone(tmp_path):
    # After a reboot the pid in a left-over file may be any program's: here, this test's own process.
    pid_file = tmp_path / "gunicorn.pid"
    pid_file.write_text(f"{os.getpid()}\n")
    assert not stop_web_server(pid_file)
    assert not pid_file.exists()
    assert not stop_web_server(pid_file)  # no file: nothing to do


def test_stop_ends_the_embedded_database(tmp_path):
    import pgserver

    pgdata = tmp_path / "pgdata"
    server = pgserver.get_server(pgdata, cleanup_mode=None)
    pid = server.get_pid()
    assert pid and (pgdata / "postmaster.pid").exists()
    assert stop_embedded_server(pgdata)
    assert not (pgdata / "postmaster.pid").exists()
    assert not stop_embedded_server(pgdata)  # already stopped
