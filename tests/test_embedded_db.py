import os

import pytest

from scrportal.embedded_db import clear_stale_pid_file


def test_a_pid_file_left_by_a_reboot_is_cleared(tmp_path):
    # After a reboot the recorded pid may belong to another program (here: this test's own Python process).
    (tmp_path / "postmaster.pid").write_text(f"{os.getpid()}\n{tmp_path}\n")
    assert clear_stale_pid_file(tmp_path)
    assert not (tmp_path / "postmaster.pid").exists()


def test_a_pid_file_of_a_process_that_is_gone_is_cleared(tmp_path):
    (tmp_path / "postmaster.pid").write_text("4194000\n")
    assert clear_stale_pid_file(tmp_path)


def test_no_pid_file_is_nothing_to_do(tmp_path):
    assert not clear_stale_pid_file(tmp_path)


def test_the_running_embedded_server_keeps_its_pid_file(settings):
    from pathlib import Path

    pgdata = Path(settings.BASE_DIR) / "var" / "pgdata"
    if not (pgdata / "postmaster.pid").exists():
        pytest.skip("this run uses DATABASE_URL, not the embedded server")
    assert not clear_stale_pid_file(pgdata)
    assert (pgdata / "postmaster.pid").exists()
