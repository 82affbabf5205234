"""The embedded PostgreSQL used when DATABASE_URL is not set.

It runs from the `pgserver` package with its data under var/pgdata and keeps running after the process that
started it exits, so `make run`, `make test` and management commands all reuse one server. After a reboot the
stale pid file is detected by pgserver and the server is started again.
"""

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
