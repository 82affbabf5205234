"""Whether this library holds invented demonstration reviews, so that every page can say so plainly.

A demo review is one whose reference starts with DEMO- (as seed_demo gives every one). Every page asks, so the answer is kept in each process for a few minutes rather
than read on every request: page query counts stay as they are, and a library seeded while the site runs shows the
notice within minutes. The partial index review_demo_idx makes the question free on a library without demo data.
"""

import time

from .generator import DEMO_REFERENCE_PREFIX

CHECK_EVERY_SECONDS = 300
_answer: tuple[float, bool] | None = None  # (monotonic time it was read, answer)


def library_holds_demo_data() -> bool:
    global _answer
    if _answer is None or time.monotonic() - _answer[0] > CHECK_EVERY_SECONDS:
        from reviews.models import Review

        remember(Review.objects.filter(reference__startswith=DEMO_REFERENCE_PREFIX).exists())
    return _answer[1]


def remember(answer: bool) -> None:
    """Set the answer now (seed_demo, after adding demo reviews; tests)."""
    global _answer
    _answer = (time.monotonic(), answer)


def forget() -> None:
    """Read the answer again on the next request."""
    global _answer
    _answer = None


def demo_notice(request) -> dict:
    """Context processor: `demo_library` is true on every page of a library with demo reviews (read lazily)."""
    return {"demo_library": library_holds_demo_data}
