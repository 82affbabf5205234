"""Atom feeds of newly published reviews: all, per theme, region, board and agency, and for any search."""

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import Truncator

from reviews import freshness
from reviews.models import Agency, Board, Region, Review
from scrportal.ratelimit import rate_limited
from themes.models import Theme

from .searches import describe_search, filtered_reviews, known_search, search_query_string

FEED_ENTRIES = 50
# Feed readers ask often and mostly for the same few feeds. A feed is kept until reviews change (which starts a
# new generation) or for this long at most, so renamed themes or boards show within the hour.
FEED_CACHE_SECONDS = 60 * 60
# Entry ids are tag URIs (RFC 4151): they stay the same when a review's title or address changes, and when the
# site is reached under another host name (settings.FEED_ID_DOMAIN), or feed readers would show every entry twice.
TAG_DATE = "2024"


@dataclass
class FeedSubject:
    title: str
    page_url: str  # the page a person would look at for the same reviews
    feed_url: str
    reviews: QuerySet


def newest_on_portal(reviews: QuerySet) -> QuerySet:
    """Newest on the portal first: an older review added today is news to the feed's readers."""
    return reviews.order_by(
        F("first_published_at").desc(nulls_last=True), F("published_on").desc(nulls_last=True), "-pk"
    )


class ReviewFeed(Feed):
    feed_type = Atom1Feed
    author_name = "SCR Learning Portal"

    def subject(self, request: HttpRequest, **kwargs) -> FeedSubject:
        raise NotImplementedError

    def get_object(self, request: HttpRequest, *args, **kwargs) -> FeedSubject:
        return self.subject(request, **kwargs)

    def cache_query(self, request: HttpRequest) -> str:
        """The part of the query string that changes this feed (for the cache key): none, but for searches."""
        return ""

    def title(self, subject: FeedSubject) -> str:
        return f"{subject.title} – SCR Learning Portal"

    def subtitle(self, subject: FeedSubject) -> str:
        return "Newly published safeguarding reviews: learning for the whole system, not blame."

    def link(self, subject: FeedSubject) -> str:
        return subject.page_url

    def feed_url(self, subject: FeedSubject) -> str:
        return subject.feed_url

    def items(self, subject: FeedSubject) -> list[Review]:
        reviews = list(
            newest_on_portal(subject.reviews.select_related("board__region").prefetch_related("themes"))[:FEED_ENTRIES]
        )
        for review in reviews:
            review.feed_entry_id = f"tag:{settings.FEED_ID_DOMAIN},{TAG_DATE}:review:{review.pk}"
        return reviews

    def item_title(self, review: Review) -> str:
        return review.title

    def item_link(self, review: Review) -> str:
        return review.get_absolute_url()

    def item_guid(self, review: Review) -> str:
        return review.feed_entry_id

    item_guid_is_permalink = False

    def item_description(self, review: Review) -> str:
        # Atom's summary is HTML: escape the text so that it is shown as written.
        text = review.plain_summary or review.summary
        return escape(Truncator(" ".join(text.split())).words(80))

    def item_pubdate(self, review: Review) -> datetime.datetime:
        if review.first_published_at:
            return review.first_published_at
        return timezone.make_aware(datetime.datetime.combine(review.published_on, datetime.time()))

    def item_updateddate(self, review: Review) -> datetime.datetime:
        return max(review.updated_at, self.item_pubdate(review))

    def item_author_name(self, review: Review) -> str:
        return review.board.name

    def item_categories(self, review: Review) -> list[str]:
        return [theme.name for theme in review.themes.all()]


class AllReviewsFeed(ReviewFeed):
    def subject(self, request, **kwargs):
        return FeedSubject(
            title="New reviews",
            page_url=reverse("reviews:list"),
            feed_url=reverse("learning:feed-all"),
            reviews=Review.objects.published(),
        )


class ThemeFeed(ReviewFeed):
    def subject(self, request, slug: str):
        theme = get_object_or_404(Theme, slug=slug)
        return FeedSubject(
            title=f"New reviews on {theme.name.lower()}",
            page_url=theme.get_absolute_url(),
            feed_url=reverse("learning:feed-theme", args=[slug]),
            reviews=Review.objects.published().filter(pk__in=theme.reviews.values("pk")),
        )


class RegionFeed(ReviewFeed):
    def subject(self, request, slug: str):
        region = get_object_or_404(Region, slug=slug)
        return FeedSubject(
            title=f"New reviews in {region.name}",
            page_url=f"{reverse('reviews:list')}?region={region.slug}",
            feed_url=reverse("learning:feed-region", args=[slug]),
            reviews=Review.objects.published().filter(board__region=region),
        )


class BoardFeed(ReviewFeed):
    def subject(self, request, slug: str):
        board = get_object_or_404(Board, slug=slug)
        return FeedSubject(
            title=f"New reviews from {board.name}",
            page_url=board.get_absolute_url(),
            feed_url=reverse("learning:feed-board", args=[slug]),
            reviews=Review.objects.published().filter(board=board),
        )


class AgencyFeed(ReviewFeed):
    def subject(self, request, slug: str):
        agency = get_object_or_404(Agency, slug=slug)
        return FeedSubject(
            title=f"New reviews involving {agency.name.lower()}",
            page_url=f"{reverse('reviews:list')}?agency={agency.slug}",
            feed_url=reverse("learning:feed-agency", args=[slug]),
            reviews=Review.objects.published().filter(pk__in=agency.reviews.values("pk")),
        )


class SearchFeed(ReviewFeed):
    """The search page's results as a feed: same parameters, same filtering function."""

    def cache_query(self, request: HttpRequest) -> str:
        return search_query_string(known_search(request.GET))

    def subject(self, request, **kwargs):
        # Only what the search page understands: unknown values, sort and page are dropped, as are control
        # characters, which XML cannot carry.
        search = known_search(request.GET)
        query = search_query_string(search)
        suffix = f"?{query}" if query else ""
        return FeedSubject(
            title=describe_search(search),
            page_url=f"{reverse('reviews:list')}{suffix}",
            feed_url=f"{reverse('learning:feed-search')}{suffix}",
            reviews=filtered_reviews(search),
        )


def search_feed_url(search) -> str:
    query = search_query_string(search)
    return reverse("learning:feed-search") + (f"?{query}" if query else "")


def forget_cached_feeds(**kwargs) -> None:
    """Start a new generation: every feed is made afresh on its next request, in every process."""
    freshness.move_on(freshness.FEEDS)


def cache_address(feed: ReviewFeed, request: HttpRequest) -> str:
    """What a cached feed is kept under: the host (one of ALLOWED_HOSTS), the path and only the query that changes
    the feed."""
    return f"{request.scheme}://{request.get_host()}{request.path}?{feed.cache_query(request)}"


def cached_feed(feed: ReviewFeed) -> Callable[..., HttpResponse]:
    """The feed view, answered from the shared cache while no review has changed. Two cache queries a hit (and
    the search's known values for a search feed), after the rate limit's.

    The key is the feed's address with only the query that changes it (the cleaned search, for search feeds), so
    arbitrary query strings share one entry rather than filling the cache."""

    @rate_limited("feeds")
    def view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        generation = freshness.current(freshness.FEEDS)
        address = cache_address(feed, request)
        key = f"learning:feed:{generation}:{hashlib.sha256(address.encode()).hexdigest()}"
        found = cache.get(key)
        if found is not None:
            content, content_type = found
            return HttpResponse(content, content_type=content_type)
        response = feed(request, *args, **kwargs)
        if response.status_code == 200:
            cache.set(key, (response.content, response["Content-Type"]), timeout=FEED_CACHE_SECONDS)
        return response

    return view
