"""The review admin's document field: its "Currently" link opens the permission-checked document view.

Django's file widget links to the storage's URL, but uploaded documents are private (never served from
MEDIA_ROOT), so that link gave 404. The review's document page (reviews.views.review_document) checks who may
see the review before it sends the file.
"""

from pathlib import PurePath

from django import forms
from django.core.files import File
from django.urls import reverse


class _DocumentLink:
    """What the widget's template needs of the current file: its name and where to open it."""

    def __init__(self, file: File, url: str):
        self.url = url
        self.name = PurePath(file.name).name

    def __str__(self) -> str:
        return self.name


class ReviewDocumentInput(forms.ClearableFileInput):
    review_slug: str | None = None  # set by the form for a review already saved

    def format_value(self, value):
        value = super().format_value(value)
        if value and self.review_slug:
            return _DocumentLink(value, reverse("reviews:document", args=[self.review_slug]))
        return value
