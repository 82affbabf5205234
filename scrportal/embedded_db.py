"""The embedded PostgreSQL used when DATABASE_URL is not set.

It runs from the `pgserver` package with its data under var/pgdata and keeps running after the process that
started it exits, so `make run`, `make test` and management commands all reuse one server. After a reboot the
stale pid file is detected by pgserver and the server is started again.
"""

import os
import subprocess
import warnings
from pathlib import Path

DATABASE_NAME = "scrportal"


def embedded_database_settings(base_dir: Path) -> dict:
    """Start (or reuse) the embedded server and return Django DATABASES settings for it."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (as under CI); its fallback is fine.
        warnings.simplefilter("ignore")
        import pgserver

        var = base_dir / "var"
        var.mkdir(exist_ok=True)
        clear_stale_pid_file(var / "pgdata")
        server = pgserver.get_server(var / "pgdata", cleanup_mode=None)
    info = server.get_postmaster_info()
    socket_dir = str(info.socket_dir)
    _ensure_database(server, socket_dir)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": socket_dir,
        "PORT": str(info.port or 5432),
    }


def clear_stale_pid_file(pgdata: Path) -> bool:
    """Remove postmaster.pid if no PostgreSQL server owns it any more; return whether it was removed.

    pgserver judges a server running when any process has the recorded pid. After a reboot another program may
    have that pid, and the server would then never be started again.
    """
    import psutil

    pid_file = pgdata / "postmaster.pid"
    try:
        pid = int(pid_file.read_text().split("\n", 1)[0])
    except (FileNotFoundError, ValueError):
        return False
    try:
        if psutil.Process(pid).name() in {"postgres", "postmaster"}:
            return False
    except psutil.AccessDenied:
        return False  # cannot tell: leave it for PostgreSQL's own check
    except psutil.Error:
        pass  # no such process
    pid_file.unlink(missing_ok=True)
    return True


def _ensure_database(server, socket_dir: str) -> None:
    marker = Path(server.pgdata) / f".created-{DATABASE_NAME}"
    if marker.exists():
        return
    from pgserver._commands import POSTGRES_BIN_PATH

    exists = subprocess.run(
        [
            str(POSTGRES_BIN_PATH / "psql"),
            "-h",
            socket_dir,
            "-U",
            "postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}'",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if exists != "1":
        subprocess.run(
            [str(POSTGRES_BIN_PATH / "createdb"), "-h", socket_dir, "-U", "postgres", DATABASE_NAME],
            check=True,
        )
    marker.touch()


def stop_embedded_server(pgdata: Path) -> bool:
    """Stop the embedded server whose data is in `pgdata` (`make stop`); return whether one was running."""
    if not (pgdata / "postmaster.pid").exists() or clear_stale_pid_file(pgdata):
        return False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pgserver._commands import POSTGRES_BIN_PATH

    # As the data's owner: run by root, pgserver made the server run as a user of its own (PostgreSQL refuses root).
    owner = pgdata.stat().st_uid
    as_owner = {"user": owner} if os.geteuid() == 0 and owner != 0 else {}
    # fast: roll back open transactions and disconnect clients rather than wait for them to leave
    subprocess.run(
        [str(POSTGRES_BIN_PATH / "pg_ctl"), "stop", "-D", str(pgdata), "-m", "fast", "-s"],
        check=True,
        capture_output=True,
        **as_owner,
    )
    return True
