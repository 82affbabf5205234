"""Shared fixtures: personas for permission checks and small boards and reviews, in a real PostgreSQL."""

import pytest
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


@pytest.fixture(autouse=True)
def no_demo_notice():
    """Pages ask once per process whether the library holds demo reviews (reviews.demo.notice). Here the answer is
    "no" unless a test seeds demo data or forgets it, so that no page's query count depends on the test before."""
    notice.remember(False)


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
    from django.contrib.auth.models import Group

    user = UserFactory(username="national", is_staff=True)
    user.groups.add(Group.objects.get(name="National editors"))
    return user


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
