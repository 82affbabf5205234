"""Keeping derived data in step: cached theme figures when reviews change, the glossary when editors change it."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from reviews.signals import reviews_changed

from .glossary import forget_glossary
from .models import GlossaryTerm
from .theme_pages import forget_theme_figures


@receiver(reviews_changed, dispatch_uid="learning.forget_theme_figures")
def reviews_changed_forget_theme_figures(sender, review_ids: list[int], **kwargs) -> None:
    forget_theme_figures()


@receiver(post_save, sender=GlossaryTerm, dispatch_uid="learning.glossary_saved")
@receiver(post_delete, sender=GlossaryTerm, dispatch_uid="learning.glossary_deleted")
def glossary_changed(sender, **kwargs) -> None:
    forget_glossary()
