"""Keeping derived data in step: the glossary in memory when editors change it."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .glossary import forget_glossary
from .models import GlossaryTerm


@receiver(post_save, sender=GlossaryTerm, dispatch_uid="learning.glossary_saved")
@receiver(post_delete, sender=GlossaryTerm, dispatch_uid="learning.glossary_deleted")
def glossary_changed(sender, **kwargs) -> None:
    forget_glossary()
