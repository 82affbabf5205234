import datetime

import factory
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils.text import slugify

from reviews.models import Agency, Board, Finding, Recommendation, Region, Review
from reviews.services import review_publish, review_withdraw
from reviews.signals import reviews_changed
from themes.models import Theme


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    # Hashed before the first save, so sessions made with force_login stay valid.
    password = factory.LazyFunction(lambda: make_password("correct horse battery staple"))


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test Board {n} Safeguarding Partnership")
    slug = factory.LazyAttribute(lambda board: slugify(board.name))
    region = factory.LazyFunction(lambda: Region.objects.get(slug="london"))


class ReviewFactory(factory.django.DjangoModelFactory):
    """A review as the site makes one: saved as a checked draft, its findings, recommendations and tags added,
    then published or withdrawn through the services (events recorded, reviews_changed sent), so a test cannot
    build a review the site could never hold."""

    class Meta:
        model = Review
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Child {n}: serious case review")
    slug = factory.LazyAttribute(lambda review: slugify(review.title))
    review_type = Review.ReviewType.CSPR
    board = factory.SubFactory(BoardFactory)
    published_on = datetime.date(2021, 6, 1)
    status = Review.Status.PUBLISHED
    summary = "The review considered how agencies worked together to support the family."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        status = kwargs.pop("status", Review.Status.PUBLISHED)
        review = model_class(*args, **kwargs, status=Review.Status.DRAFT)
        review.full_clean()
        review.save()
        review._status_wanted = status
        return review

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if not create:
            return
        if instance._status_wanted in (Review.Status.PUBLISHED, Review.Status.WITHDRAWN):
            review_publish(review=instance, user=None)
        if instance._status_wanted == Review.Status.WITHDRAWN:
            review_withdraw(review=instance, user=None)
        if instance._status_wanted == Review.Status.DRAFT:
            reviews_changed.send(sender=Review, review_ids=[instance.id], public=False)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        for slug in extracted or []:
            self.themes.add(Theme.objects.get(slug=slug))

    @factory.post_generation
    def agencies(self, create, extracted, **kwargs):
        for slug in extracted or []:
            self.agencies.add(Agency.objects.get(slug=slug))

    @factory.post_generation
    def findings(self, create, extracted, **kwargs):
        for position, text in enumerate(extracted or [], start=1):
            Finding.objects.create(review=self, position=position, text=text)

    @factory.post_generation
    def recommendations(self, create, extracted, **kwargs):
        for position, text in enumerate(extracted or [], start=1):
            Recommendation.objects.create(review=self, position=position, text=text)


def signed_in(user: User, client: Client | None = None) -> Client:
    """A client signed in as `user` the whole way: password (force_login) and a code from a confirmed authenticator
    app, as django-otp records it in the session. Staff pages need both."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = client or Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="Test authenticator", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def make_editor(*boards: Board, username: str) -> User:
    """A board editor: staff, in the Board editors group, linked to `boards`."""
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name="Board editors"))
    for board in boards:
        board.editors.add(user)
    return user
