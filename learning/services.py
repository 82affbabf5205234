"""Writes for the learning app: frontline feedback and its moderation, email alert subscriptions and digests."""

import datetime
import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from reviews.models import Review

from .feeds import newest_on_portal
from .models import AlertSubscription, Feedback
from .searches import describe_search, filtered_reviews, search_query_string

logger = logging.getLogger(__name__)

# Frontline feedback: one answer per review per sender per day, and a ceiling on how much one sender can send.
FEEDBACK_PER_REVIEW_PER_DAY = 1
FEEDBACK_PER_DAY = 20
# Alerts: how many subscriptions one sender may start in an hour, and confirmation emails to one address a day.
SUBSCRIBES_PER_HOUR = 5
CONFIRMATIONS_PER_ADDRESS_PER_DAY = 3
CONFIRM_MAX_AGE = datetime.timedelta(days=7)
DIGEST_MAX_REVIEWS = 50


class Refused(Exception):
    """A request the service will not carry out; the message is for the person who sent it."""


def sender_hash(ip: str, day: datetime.date | None = None) -> str:
    """A keyed hash of an IP address and the day. The address itself is never stored."""
    day = day or timezone.localdate()
    return salted_hmac("learning.sender", f"{ip}|{day.isoformat()}", algorithm="sha256").hexdigest()


# -----------------------------------------------------------------------------------------------------------------
# Feedback


@transaction.atomic
def feedback_record(*, review: Review, helpful: bool, discipline: str, comment: str, ip: str) -> Feedback:
    """Store a practitioner's answer about a public review. Comments wait for moderation before they appear.

    Raises Refused when this sender has already answered for the review today, or has sent too much today.
    """
    if not Review.objects.published().filter(pk=review.pk).exists():
        raise Refused("This review is not published, so it cannot take feedback.")
    sender = sender_hash(ip)
    today = Feedback.objects.filter(sender_hash=sender)
    if today.filter(review=review).count() >= FEEDBACK_PER_REVIEW_PER_DAY:
        raise Refused("You have already told us whether this review helped. Thank you.")
    if today.count() >= FEEDBACK_PER_DAY:
        raise Refused("We have had a lot of answers from your network today. Please try again tomorrow.")
    comment = comment.strip()
    feedback = Feedback(
        review=review,
        helpful=helpful,
        discipline=discipline,
        comment=comment,
        comment_status=Feedback.CommentStatus.PENDING if comment else Feedback.CommentStatus.NONE,
        sender_hash=sender,
    )
    feedback.full_clean()
    feedback.save()
    return feedback


def feedback_moderate(*, feedback_ids: list[int], approve: bool, user) -> int:
    """Approve or reject comments (only those with a comment); returns how many changed."""
    status = Feedback.CommentStatus.APPROVED if approve else Feedback.CommentStatus.REJECTED
    return (
        Feedback.objects.filter(pk__in=feedback_ids)
        .exclude(comment_status=Feedback.CommentStatus.NONE)
        .update(comment_status=status, moderated_by=user, moderated_at=timezone.now())
    )


# -----------------------------------------------------------------------------------------------------------------
# Email alerts: subscribe, confirm (double opt-in), unsubscribe, digests


def _address_digest(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:16]


def subscription_token(subscription: AlertSubscription, purpose: str) -> str:
    """A signed token naming the subscription and bound to its address; `purpose` is "confirm" or "unsubscribe"."""
    return signing.dumps([subscription.pk, _address_digest(subscription.email)], salt=f"learning.alerts.{purpose}")


def subscription_from_token(token: str, purpose: str) -> AlertSubscription | None:
    """The subscription a token names, or None when the token is bad, expired (confirm only) or used up."""
    max_age = CONFIRM_MAX_AGE if purpose == "confirm" else None
    try:
        pk, digest = signing.loads(token, salt=f"learning.alerts.{purpose}", max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    subscription = AlertSubscription.objects.filter(pk=pk).first()
    if subscription is None or _address_digest(subscription.email) != digest:
        return None
    return subscription


def _within_limit(key: str, limit: int, seconds: int) -> bool:
    """Count one more event under `key`; False once more than `limit` happened in the window."""
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count <= limit


def alert_subscribe(*, email: str, search, site_url: str, ip: str) -> None:
    """Ask `email` to confirm an alert for `search`. Says nothing about whether the address already subscribed.

    Raises Refused when this sender or this address has asked too often.
    """
    email = email.strip()
    if not _within_limit(f"learning:subscribe:ip:{sender_hash(ip)}", SUBSCRIBES_PER_HOUR, 60 * 60):
        raise Refused("There have been too many sign-ups from your network. Please try again in an hour.")
    query = search_query_string(search)
    subscription = AlertSubscription.objects.filter(email__iexact=email, query=query).first()
    if subscription is not None and subscription.confirmed_at is not None:
        return  # already receiving these alerts: nothing to confirm, and nothing to reveal
    if not _within_limit(f"learning:subscribe:to:{_address_digest(email)}", CONFIRMATIONS_PER_ADDRESS_PER_DAY, 86400):
        return  # do not flood an inbox with confirmation requests; the earlier ones still work
    if subscription is None:
        subscription = AlertSubscription.objects.create(email=email, query=query, site_url=site_url.rstrip("/"))
    confirm_url = subscription.site_url + reverse(
        "learning:alert-confirm", args=[subscription_token(subscription, "confirm")]
    )
    context = {
        "description": describe_search(query),
        "confirm_url": confirm_url,
        "days": CONFIRM_MAX_AGE.days,
    }
    message = EmailMultiAlternatives(
        subject="Confirm your email alerts from the SCR Learning Portal",
        body=render_to_string("learning/email/confirm.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.email],
    )
    message.attach_alternative(render_to_string("learning/email/confirm.html", context), "text/html")
    transaction.on_commit(message.send)


def alert_confirm(*, subscription: AlertSubscription) -> AlertSubscription:
    """Start the alerts: the first digest has reviews first published after this moment."""
    if subscription.confirmed_at is None:
        now = timezone.now()
        subscription.confirmed_at = now
        subscription.last_sent_at = now
        subscription.save(update_fields=["confirmed_at", "last_sent_at"])
    return subscription


def alert_unsubscribe(*, subscription: AlertSubscription) -> None:
    """Stop the alerts and forget the address."""
    subscription.delete()


@dataclass
class DigestRun:
    sent: int = 0
    nothing_new: int = 0
    failed: int = 0
    expired_removed: int = 0


def send_digests(*, now: datetime.datetime | None = None, site_url: str = "") -> DigestRun:
    """Send each confirmed subscriber one email listing reviews first published since their last digest.

    Subscribers with the same search and the same last digest (after a daily run, nearly everyone with that
    search) share one count and one fetch of the newest reviews. A subscriber whose email fails keeps their
    place for the next run. `site_url` replaces the address each subscriber signed up on.
    """
    now = now or timezone.now()
    run = DigestRun()
    unconfirmed = AlertSubscription.objects.filter(confirmed_at__isnull=True, created_at__lt=now - CONFIRM_MAX_AGE)
    run.expired_removed, _ = unconfirmed.delete()

    groups: dict[tuple[str, datetime.datetime], list[AlertSubscription]] = defaultdict(list)
    for subscription in AlertSubscription.objects.confirmed().order_by("pk"):
        groups[(subscription.query, subscription.last_sent_at or subscription.confirmed_at)].append(subscription)

    matching: dict[str, object] = {}  # one search per distinct query
    connection = get_connection()
    for (query, since), subscriptions in groups.items():
        if query not in matching:
            matching[query] = filtered_reviews(query)
        new = matching[query].filter(first_published_at__gt=since, first_published_at__lte=now)
        count = new.count()
        reviews = list(newest_on_portal(new.select_related("board__region"))[:DIGEST_MAX_REVIEWS]) if count else []
        description = describe_search(query) if count else ""
        for subscription in subscriptions:
            if not count:
                run.nothing_new += 1
                AlertSubscription.objects.filter(pk=subscription.pk).update(last_sent_at=now)
                continue
            try:
                connection.send_messages([_digest_message(subscription, reviews, count, description, site_url)])
            except Exception:
                logger.exception("Sending the alert digest for subscription %s failed", subscription.pk)
                run.failed += 1
                continue
            AlertSubscription.objects.filter(pk=subscription.pk).update(last_sent_at=now)
            run.sent += 1
    return run


def _digest_message(
    subscription: AlertSubscription, reviews: list[Review], count: int, description: str, site_url: str
) -> EmailMultiAlternatives:
    base = (site_url or subscription.site_url).rstrip("/")
    unsubscribe_url = base + reverse(
        "learning:alert-unsubscribe", args=[subscription_token(subscription, "unsubscribe")]
    )
    context = {
        "reviews": reviews,
        "more": max(0, count - DIGEST_MAX_REVIEWS),
        "count": count,
        "description": description,
        "base_url": base,
        "search_url": f"{base}{reverse('reviews:list')}" + (f"?{subscription.query}" if subscription.query else ""),
        "unsubscribe_url": unsubscribe_url,
    }
    message = EmailMultiAlternatives(
        subject=f"{count} new review{'s' if count != 1 else ''}: {description}"[:150],
        body=render_to_string("learning/email/digest.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.email],
        headers={
            # One-click unsubscribe in mail programs (RFC 8058): they POST to this address.
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string("learning/email/digest.html", context), "text/html")
    return message
