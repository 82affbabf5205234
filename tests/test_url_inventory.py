"""Every page of the site, walked as a stranger: public by intent, or behind sign-in; drafts never leak.

A new URL fails this test until it is listed below as public, private or token-protected, so nobody adds a
page without deciding who may see it.
"""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import get_resolver, reverse

from actions.models import AuditTemplate
from actions.services import action_create, audit_start, progress_update_add
from reviews.models import Recommendation

from .documents import make_pdf
from .factories import ReviewFactory

pytestmark = pytest.mark.django_db

PUBLIC = {
    "home", "reviews:list", "reviews:export", "reviews:api-search", "reviews:detail", "reviews:document",
    "board", "similar-reviews-api", "reviews:api-openapi",
    "themes:index", "themes:detail", "themes:dashboard", "themes:dashboard-csv", "themes:regional-dashboard",
    "themes:regional-dashboard-csv",
    "actions:national-tracker", "actions:national-tracker-csv", "actions:board-tracker", "actions:board-tracker-csv",
    "actions:national-audits",
    "learning:glossary", "learning:theme-briefing", "learning:theme-briefing-download", "learning:review-briefing",
    "learning:review-briefing-download", "learning:alert-subscribe", "learning:alert-sent", "learning:follow",
    "learning:feed-all", "learning:feed-search", "learning:feed-theme", "learning:feed-region", "learning:feed-board",
    "learning:feed-agency",
}  # fmt: skip
# Forms that only take posts: a stranger's GET is sent back to the review.
POST_ONLY = {"learning:review-feedback"}
# Links from emails: anyone holding a valid signed token may use them; a made-up token is refused.
TOKEN = {"learning:alert-confirm", "learning:alert-unsubscribe"}
# Board staff and inspectors only.
PRIVATE = {
    "actions:board-actions", "actions:action-add", "actions:action", "actions:action-edit", "actions:update-add",
    "actions:update-attachment", "actions:board-audits", "actions:audit", "actions:evidence-pack",
    "actions:evidence-pack-zip",
}  # fmt: skip
# The second sign-in step: for staff who have given their password; strangers are sent to sign in first.
STAFF_SIGN_IN = {"accounts:two-factor", "accounts:two-factor-set-up"}
# Pages about one review: for a draft they must behave exactly as for a review that does not exist.
ABOUT_ONE_REVIEW = {
    "reviews:detail", "reviews:document", "learning:review-briefing", "learning:review-briefing-download",
    "learning:review-feedback", "similar-reviews-api",
}  # fmt: skip


def url_names() -> dict[str, list[str]]:
    """{namespace:name: its parameters} for every URL outside the Django admin."""
    found = {}

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif pattern.name:
                found[f"{namespace}:{pattern.name}" if namespace else pattern.name] = list(pattern.pattern.converters)

    walk(get_resolver().url_patterns)
    return {name: params for name, params in found.items() if not name.startswith("admin:")}


@pytest.fixture
def site(board_a, editor):
    published = ReviewFactory(board=board_a, themes=["neglect"], agencies=["police"], recommendations=["Do it."])
    published.source_document.save("s.pdf", ContentFile(make_pdf("Published text")))
    draft = ReviewFactory(board=board_a, status="draft", published_on=None, recommendations=["Draft one."])
    draft.source_document.save("d.pdf", ContentFile(make_pdf("Draft text")))
    action = action_create(
        recommendation=Recommendation.objects.get(review=published),
        user=editor,
        description="Train staff.",
        due_on=datetime.date.today() + datetime.timedelta(days=30),
    )
    update = progress_update_add(
        action=action, user=editor, written_on=datetime.date.today(), text="Begun.", status="in-progress"
    )
    audit = audit_start(board=board_a, template=AuditTemplate.objects.get(theme__slug="neglect"), user=editor)
    return {"published": published, "draft": draft, "action": action, "update": update, "audit": audit}


def kwargs_for(name: str, params: list[str], site: dict, review) -> dict:
    values = {
        "region_slug": "london",
        "recommendation_id": site["action"].recommendation_id,
        "token": "not-a-real-token",
    }
    if "slug" in params:
        theme_pages = {"learning:theme-briefing", "learning:theme-briefing-download", "learning:feed-theme"}
        if name.startswith("themes:") or name in theme_pages:
            values["slug"] = "neglect"
        elif name == "learning:feed-region":
            values["slug"] = "london"
        elif name == "learning:feed-agency":
            values["slug"] = "police"
        elif name in ABOUT_ONE_REVIEW:
            values["slug"] = review.slug
        else:
            values["slug"] = review.board.slug
    if "pk" in params:
        values["pk"] = {
            "actions:update-attachment": site["update"].pk,
            "actions:audit": site["audit"].pk,
        }.get(name, site["action"].pk)
    return {param: values[param] for param in params}


def test_every_url_is_classified():
    unclassified = set(url_names()) - PUBLIC - POST_ONLY - TOKEN - PRIVATE - STAFF_SIGN_IN
    assert unclassified == set(), f"Decide who may see these pages and list them in this test: {unclassified}"


def test_strangers_see_public_pages_and_are_sent_to_sign_in_for_the_rest(site):
    client = Client()
    for name, params in url_names().items():
        url = reverse(name, kwargs=kwargs_for(name, params, site, site["published"]))
        response = client.get(url)
        if name in PUBLIC:
            assert response.status_code == 200, (name, url, response.status_code)
        elif name in POST_ONLY:
            assert response.status_code == 302 and response["Location"].startswith(site["published"].get_absolute_url())
        elif name in TOKEN:
            assert response.status_code in {200, 400, 404}, (name, response.status_code)
            assert "not-a-real-token" not in response.content.decode()
        else:
            assert response.status_code == 302 and "/login/" in response["Location"], (name, url)


def test_no_page_about_one_review_shows_a_draft_to_strangers(site):
    client = Client()
    for name in ABOUT_ONE_REVIEW:
        params = url_names()[name]
        response = client.get(reverse(name, kwargs=kwargs_for(name, params, site, site["draft"])))
        assert response.status_code == 404, name
    draft_title = site["draft"].title
    for name, params in url_names().items():
        if name in PUBLIC and name not in ABOUT_ONE_REVIEW:
            response = client.get(reverse(name, kwargs=kwargs_for(name, params, site, site["published"])))
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert draft_title.encode() not in body, name


def test_the_readme_lists_every_address_with_its_view():
    """A newcomer finds any page's view from the README's table in one step."""
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    table = readme[readme.index("### Every address") :].split("\n\n")[1]
    missing = []

    def walk(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                if pattern.namespace != "admin":
                    walk(pattern.url_patterns)
            elif pattern.callback.__name__ not in table and pattern.callback.__module__ not in table:
                missing.append(f"{pattern.pattern} ({pattern.callback.__module__}.{pattern.callback.__name__})")

    walk(get_resolver().url_patterns)
    assert missing == []
