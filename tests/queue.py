"""Running the task queue's worker for real in tests: the same worker as `manage.py procrastinate worker`, on
its own connection to the test database, until no job is left. Tests that use it need committed data
(`django_db(transaction=True)`), as a real worker does."""

from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob


def queued_jobs(task_name: str | None = None) -> list[ProcrastinateJob]:
    jobs = ProcrastinateJob.objects.filter(status="todo")
    return list(jobs.filter(task_name=task_name) if task_name else jobs)


def run_queued_tasks() -> None:
    """Run every queued job, then fail the test if any of them failed."""
    with app.replace_connector(app.connector.get_worker_connector()):
        app.run_worker(wait=False, install_signal_handlers=False, listen_notify=False)
    failed = list(ProcrastinateJob.objects.filter(status="failed").values_list("task_name", flat=True))
    assert not failed, f"Tasks failed: {failed}"
    assert not queued_jobs(), "Jobs left in the queue"
