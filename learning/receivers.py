"""Keeping derived data in step: cached feeds when reviews change, the glossary when editors change it."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from reviews.signals import review_saved_in_admin, reviews_changed

from .feeds import forget_cached_feeds
from .glossary import forget_glossary
from .models import GlossaryTerm
from .readability import tell_editor_about_review


@receiver(post_save, sender=GlossaryTerm, dispatch_uid="learning.glossary_saved")
@receiver(post_delete, sender=GlossaryTerm, dispatch_uid="learning.glossary_deleted")
def glossary_changed(sender, **kwargs) -> None:
    forget_glossary()


@receiver(reviews_changed, dispatch_uid="learning.forget_cached_feeds")
def reviews_changed_forget_feeds(sender, review_ids: list[int], public: bool = True, **kwargs) -> None:
    if public:
        forget_cached_feeds()


@receiver(review_saved_in_admin, dispatch_uid="learning.readability_advice")
def advise_on_readability(sender, request, review, **kwargs) -> None:
    tell_editor_about_review(request, review)  # reading ease, and a warning for very long sentences
