"""PostgreSQL restarting under load: reads go on without restarting the web processes.

A restart ends every connection to the database exactly as `pg_terminate_backend` does ("terminating connection
due to administrator command"), so these tests do that to their own test database's connections instead of
restarting the server other test runs share.
"""

import logging

import psycopg
import pytest
from django.core.signals import request_finished, request_started
from django.db import connection

from .factories import ReviewFactory

# The requests must use pooled connections as in production, not the test's transaction; serialized_rollback
# keeps the regions and themes that data migrations made.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

RETRY_LOGGER = "scrportal.db_retry"


def terminate(pids: list[int] | None = None) -> int:
    """End these server processes (default: every other connection to this database) from a connection of our
    own, waiting until each has gone. Returns how many were ended."""
    settings = connection.settings_dict
    with psycopg.connect(
        dbname=settings["NAME"], host=settings["HOST"], port=settings["PORT"] or 5432, user=settings["USER"]
    ) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            " AND (%(pids)s::int[] IS NULL OR pid = ANY(%(pids)s::int[]))",
            {"pids": pids},
        ).fetchall()
    return len(rows)


@pytest.fixture
def review(db, board_a):
    return ReviewFactory(board=board_a, title="Child R: published review")


@pytest.fixture
def client(client):
    # A 500 comes back as the response rather than being raised by the test client, and (as Django does at the end
    # of every request, though the test client does not) the connection goes back to the pool after each request.
    client.raise_request_exception = False
    request_finished.connect(back_to_the_pool, dispatch_uid="test-back-to-the-pool")
    yield client
    request_finished.disconnect(dispatch_uid="test-back-to-the-pool")
    connection.close()


def back_to_the_pool(**kwargs):
    connection.close()


def test_pages_work_after_every_connection_was_ended(client, review, caplog):
    assert client.get("/reviews/").status_code == 200  # the pool now holds a connection
    assert terminate() >= 1
    with caplog.at_level(logging.WARNING, logger=RETRY_LOGGER):
        assert client.get("/reviews/").status_code == 200
        assert client.get(review.get_absolute_url()).status_code == 200
    # The pool noticed the dead connections before lending them: nothing needed running again.
    assert not [record for record in caplog.records if record.name == RETRY_LOGGER]


@pytest.fixture
def connection_ended_once_a_request_has_it():
    """The next request's database connection is ended after the request has taken it from the pool, as when
    PostgreSQL restarts while a request is under way."""
    state = {"done": False}

    def end_connection(**kwargs):
        if not state["done"]:
            state["done"] = True
            connection.ensure_connection()
            terminate([connection.connection.info.backend_pid])

    request_started.connect(end_connection, dispatch_uid="test-end-connection")
    yield state
    request_started.disconnect(dispatch_uid="test-end-connection")


def test_a_read_whose_connection_is_ended_mid_request_is_served(
    client, review, connection_ended_once_a_request_has_it, caplog
):
    with caplog.at_level(logging.WARNING, logger=RETRY_LOGGER):
        response = client.get("/reviews/")
    assert connection_ended_once_a_request_has_it["done"]
    assert response.status_code == 200
    assert "Child R: published review" in response.content.decode()
    assert [record.name for record in caplog.records if record.name == RETRY_LOGGER] == [RETRY_LOGGER]


def test_a_form_sent_while_the_connection_ends_is_not_sent_twice(
    client, review, connection_ended_once_a_request_has_it
):
    response = client.post(
        f"{review.get_absolute_url()}feedback/", {"helpful": "yes", "discipline": "", "comment": "Useful."}
    )
    assert connection_ended_once_a_request_has_it["done"]
    assert response.status_code == 500  # a write may have half happened: never repeated behind the user's back
