"""One answer to "is this cached figure still current": generation numbers that only move forward."""

import pytest
from django.core.cache import cache

from reviews import freshness

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("generation", freshness.GENERATIONS)
def test_moving_a_generation_on_changes_its_number_and_no_other(generation):
    before = {name: freshness.current(name) for name in freshness.GENERATIONS}
    freshness.move_on(generation)
    after = {name: freshness.current(name) for name in freshness.GENERATIONS}
    assert after[generation] > before[generation]
    assert {n: v for n, v in after.items() if n != generation} == {n: v for n, v in before.items() if n != generation}


def test_a_generation_survives_a_cache_cleared_to_the_last_key():
    freshness.move_on(freshness.TRENDS)
    number = freshness.current(freshness.TRENDS)
    cache.clear()  # what culling a full database cache could do to a key
    assert freshness.current(freshness.TRENDS) == number


def test_an_unknown_generation_is_refused_not_written_into_sql():
    with pytest.raises(ValueError):
        freshness.current("reviews_search_generation; DROP TABLE reviews_review")
