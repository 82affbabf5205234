"""`make stop`: stop what `make run` started, the web server and the embedded PostgreSQL.

Run as `python -m scrportal.local_stop`; it does not load the Django settings, which would start the embedded
database again.
"""

import signal
import sys
from pathlib import Path

import psutil

from scrportal.embedded_db import stop_embedded_server

BASE_DIR = Path(__file__).resolve().parent.parent
WEB_SERVER_PID_FILE = BASE_DIR / "var" / "gunicorn.pid"  # written by gunicorn --pid in `make run`


def stop_web_server(pid_file: Path, *, timeout: float = 30) -> bool:
    """Stop the gunicorn whose master pid is in `pid_file`; return whether one was running.

    A pid file left behind (after a reboot or a crash) may name another program's process now: only a process
    that is gunicorn is stopped, and the stale file is removed.
    """
    try:
        pid = int(pid_file.read_text().strip())
        process = psutil.Process(pid)
        is_gunicorn = any("gunicorn" in part for part in process.cmdline())
    except (FileNotFoundError, ValueError, psutil.Error):
        is_gunicorn = False
    if not is_gunicorn:
        pid_file.unlink(missing_ok=True)
        return False
    process.send_signal(signal.SIGTERM)  # gunicorn's graceful shutdown: workers finish their requests
    try:
        process.wait(timeout=timeout)
    except psutil.TimeoutExpired:
        process.kill()
    pid_file.unlink(missing_ok=True)
    return True


def main() -> None:
    web = stop_web_server(WEB_SERVER_PID_FILE)
    database = stop_embedded_server(BASE_DIR / "var" / "pgdata")
    print("Stopped the web server." if web else "The web server was not running.")
    print("Stopped the embedded database." if database else "The embedded database was not running.")


if __name__ == "__main__":
    sys.exit(main())
