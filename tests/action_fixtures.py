"""Shared by the tests of actions, the tracker, audits and the evidence pack: an action made through the service,
the review it belongs to, every persona's client, and a private folder for evidence files."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from actions.models import Action
from actions.services import action_create
from reviews.models import Recommendation

from .factories import ReviewFactory

TODAY = timezone.localdate()


# Autouse in each test module that binds it: files its tests upload go to a temporary folder.
@pytest.fixture(autouse=True)
def private_documents(tmp_path, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


def make_action(review, *, position: int = 1, user=None, **values) -> Action:
    """An action on the review's recommendation `position`, through the service (so its history starts)."""
    recommendation = Recommendation.objects.get(review=review, position=position)
    values.setdefault("description", "Run safe sleep training for all health visitors.")
    values.setdefault("due_on", TODAY + datetime.timedelta(days=90))
    values.setdefault("agreed_on", TODAY - datetime.timedelta(days=30))
    return action_create(recommendation=recommendation, user=user, **values)


@pytest.fixture
def review_a(board_a):
    return ReviewFactory(
        board=board_a,
        title="Baby L: practice review",
        themes=["safe-sleep"],
        recommendations=["Repeat safe sleep advice at every contact.", "Audit health visiting records."],
    )


@pytest.fixture
def action_a(review_a, editor):
    return make_action(review_a, user=editor)


def clients(editor_client, other_editor_client, superuser_client, inspector_client) -> dict[str, Client]:
    return {
        "anonymous": Client(),
        "colleague": other_editor_client,
        "owner": editor_client,
        "superuser": superuser_client,
        "inspector": inspector_client,
    }
