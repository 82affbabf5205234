"""Running the task queue's worker for real in tests: the same worker as `manage.py procrastinate worker`, on
its own connection to the test database, until no job is left. Tests that use it need committed data
(`django_db(transaction=True)`), as a real worker does."""

import threading

from django.db import connections
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob


def queued_jobs(task_name: str | None = None) -> list[ProcrastinateJob]:
    jobs = ProcrastinateJob.objects.filter(status="todo")
    return list(jobs.filter(task_name=task_name) if task_name else jobs)


def run_queued_tasks() -> None:
    """Run every queued job, then fail the test if any of them failed."""
    errors: list[BaseException] = []

    def work() -> None:
        # A thread of its own: the worker runs its own event loop, and the test's thread may have one running
        # (Playwright's, after the browser tests).
        try:
            with app.replace_connector(app.connector.get_worker_connector()):
                app.run_worker(wait=False, install_signal_handlers=False, listen_notify=False)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    if errors:
        raise errors[0]
    failed = list(ProcrastinateJob.objects.filter(status="failed").values_list("task_name", flat=True))
    assert not failed, f"Tasks failed: {failed}"
    assert not queued_jobs(), "Jobs left in the queue"
