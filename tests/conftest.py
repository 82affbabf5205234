"""Shared fixtures: personas for permission checks and small boards and reviews, in a real PostgreSQL."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.test import Client

from reviews.demo import notice
from reviews.models import Region
from reviews.search import clear_result_cache
from reviews.search.index import forget_index

from .factories import BoardFactory, ReviewFactory, UserFactory, make_editor, signed_in

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def fresh_search_caches():
    """Each test starts with empty per-process search caches: its data is rolled back afterwards, but the
    generation numbers the caches are keyed on (sequences) are not, so a later test could meet stale answers."""
    clear_result_cache()
    forget_index()
    caches["local"].clear()
    caches["pages"].clear()


@pytest.fixture(autouse=True)
def no_demo_notice():
    """Pages ask once per process whether the library holds demo reviews (reviews.demo.notice). Here the answer is
    "no" unless a test seeds demo data or forgets it, so that no page's query count depends on the test before."""
    notice.remember(False)


def _on_committed_data(request) -> bool:
    """Whether the test runs outside a rolled-back transaction (then the marker has already set the database up)."""
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
        return True
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


@pytest.fixture(autouse=True)
def fresh_rate_limit_counts(request):
    """Transactional tests (the live server's) start with no requests counted, like other tests, whose counts roll
    back with their transaction: the cache table's rows are not emptied between tests."""
    if _on_committed_data(request):
        caches["ratelimit"].clear()


@pytest.fixture
def london(db):
    return Region.objects.get(slug="london")


@pytest.fixture
def board_a(db, london):
    return BoardFactory(name="Riverside Safeguarding Partnership", region=london)


@pytest.fixture
def board_b(db):
    return BoardFactory(name="Hilltop Safeguarding Partnership", region=Region.objects.get(slug="north-west"))


@pytest.fixture
def editor(board_a):
    """Edits board A's reviews only."""
    return make_editor(board_a, username="owner")


@pytest.fixture
def other_editor(board_b):
    """A colleague on another board."""
    return make_editor(board_b, username="colleague")


@pytest.fixture
def national_editor(db):
    """Changes national content (glossary, theme learning pages, the taxonomy); no board of their own."""
    user = UserFactory(username="national", is_staff=True)
    user.groups.add(Group.objects.get(name="National editors"))
    return user


@pytest.fixture
def inspector(db):
    """An inspector (the Inspectors group): reads every board's actions, changes none."""
    user = UserFactory(username="inspector", is_staff=True)
    user.groups.add(Group.objects.get(name="Inspectors"))
    return user


@pytest.fixture
def inspector_client(inspector) -> Client:
    return signed_in(inspector)


@pytest.fixture
def national_editor_client(national_editor) -> Client:
    return signed_in(national_editor)


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def editor_client(editor) -> Client:
    return signed_in(editor)


@pytest.fixture
def other_editor_client(other_editor) -> Client:
    return signed_in(other_editor)


@pytest.fixture
def superuser_client(superuser) -> Client:
    return signed_in(superuser)


@pytest.fixture
def draft_a(board_a):
    return ReviewFactory(board=board_a, title="Child Q: draft review", status="draft", published_on=None)


@pytest.fixture
def published_a(board_a):
    return ReviewFactory(board=board_a, title="Child R: published review", themes=["neglect"])


@pytest.fixture(scope="session")
def _reference_data_snapshot(django_db_setup, django_db_blocker):
    """The database as migrations left it (regions, agencies, themes, groups, glossary ...), taken at set-up.

    Browser tests, and tests that run the task queue's worker or a second process, need committed data, so they
    are transactional and the database is emptied after each one. Django restores the snapshot for tests marked
    serialized_rollback, but keeps it on the connection object of the thread that made it, and Playwright's
    greenlets can leave later tests with a fresh connection object without it.
    """
    from django.db import connection

    return getattr(connection, "_test_serialized_contents", None)


@pytest.fixture(autouse=True)
def _restore_reference_data(request, _reference_data_snapshot):
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        request.getfixturevalue("_django_db_helper")  # the marker's transactional database, set up first
    elif "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
    else:
        return
    from django.db import connection

    from reviews.models import Region

    if _reference_data_snapshot and not Region.objects.exists():
        # Django's own flush re-made content types and permissions without the rest; start again from empty.
        from django.core.management import call_command

        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(_reference_data_snapshot)
        # The rows come back with their ids; sequences must follow, or the next row made would reuse one.
        from django.apps import apps
        from django.core.management.color import no_style

        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                cursor.execute(sql)
