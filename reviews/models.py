import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify


class TimeStamped(models.Model):
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Region(models.Model):
    class Nation(models.TextChoices):
        ENGLAND = "england", "England"
        WALES = "wales", "Wales"
        SCOTLAND = "scotland", "Scotland"
        NORTHERN_IRELAND = "northern-ireland", "Northern Ireland"

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, db_index=False)  # unique constraint below indexes it
    nation = models.CharField(max_length=20, choices=Nation.choices)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name"], name="reviews_region_name_unique"),
            models.UniqueConstraint(fields=["slug"], name="reviews_region_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Board(TimeStamped):
    """A local safeguarding children board, partnership or adults board."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, db_index=False)  # unique constraint below indexes it
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="boards")
    website = models.URLField(blank=True)
    # Board staff who may add and change this board's reviews in the admin.
    editors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="boards", blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name"], name="reviews_board_name_unique"),
            models.UniqueConstraint(fields=["slug"], name="reviews_board_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("board", args=[self.slug])


class Agency(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, db_index=False)  # unique constraint below indexes it

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(fields=["name"], name="reviews_agency_name_unique"),
            models.UniqueConstraint(fields=["slug"], name="reviews_agency_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)


class ReviewQuerySet(models.QuerySet):
    def published(self) -> "ReviewQuerySet":
        """The one public read path: every public page, count, feed and export starts here."""
        return self.filter(status=Review.Status.PUBLISHED)

    def for_listing(self) -> "ReviewQuerySet":
        """Adds what a list of reviews shows: board, region (joined) and themes (one extra query)."""
        return self.select_related("board__region").prefetch_related("themes")

    def for_detail(self) -> "ReviewQuerySet":
        return self.select_related("board__region").prefetch_related(
            "themes",
            "agencies",
            "findings",
            models.Prefetch("recommendations", queryset=Recommendation.objects.select_related("agency")),
        )

    def newest_first(self) -> "ReviewQuerySet":
        return self.order_by(models.F("published_on").desc(nulls_last=True), "-id")

    def theme_counts(self) -> dict[int, int]:
        """{theme id: number of these reviews tagged with it}, in one GROUP BY query."""
        rows = self.filter(themes__isnull=False).values_list("themes").annotate(n=models.Count("id", distinct=True))
        return dict(rows)

    def visible_to(self, user) -> "ReviewQuerySet":
        """Published reviews for everyone; also drafts and withdrawn reviews for their own boards' editors."""
        if user.is_superuser:
            return self
        if user.is_authenticated and user.is_staff:
            own_boards = Board.objects.filter(editors=user).values("id")  # a subquery: no duplicate rows
            return self.filter(models.Q(status=Review.Status.PUBLISHED) | models.Q(board__in=own_boards))
        return self.published()

    def editable_by(self, user) -> "ReviewQuerySet":
        """Reviews a user may change in the admin: all for superusers, their own boards' for editors."""
        if user.is_superuser:
            return self
        if not user.is_authenticated or not user.is_staff:
            return self.none()
        return self.filter(board__editors=user)


def source_document_path(review: "Review", filename: str) -> str:
    # A random name: uploaded file names are not trusted and must not collide or be guessed.
    suffix = PurePath(filename).suffix.lower()
    return f"documents/{uuid.uuid4().hex}{suffix}"


class Review(TimeStamped):
    class ReviewType(models.TextChoices):
        SCR = "SCR", "Serious case review"
        CSPR = "CSPR", "Child safeguarding practice review"
        NATIONAL = "National", "National child safeguarding practice review"
        SAR = "SAR", "Safeguarding adult review"
        DHR = "DHR", "Domestic homicide review"
        CPR = "CPR", "Child practice review (Wales)"
        APR = "APR", "Adult practice review (Wales)"

    class AgeBand(models.TextChoices):
        UNDER_1 = "under-1", "Under 1"
        AGE_1_4 = "1-4", "1 to 4"
        AGE_5_10 = "5-10", "5 to 10"
        AGE_11_15 = "11-15", "11 to 15"
        AGE_16_17 = "16-17", "16 to 17"
        ADULT = "adult", "Adult"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=320, db_index=False)  # unique constraint below indexes it
    reference = models.CharField(
        max_length=100, blank=True, help_text="The board's or a national reference for this review, if it has one."
    )
    review_type = models.CharField(max_length=10, choices=ReviewType.choices)
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="reviews")
    published_on = models.DateField(
        "publication date", null=True, blank=True, help_text="When the board published the review."
    )
    # Many older reviews give only a year; then published_on is 1 January and only the year is shown.
    published_year_only = models.BooleanField(default=False)
    age_band = models.CharField(max_length=10, choices=AgeBand.choices, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False)
    summary = models.TextField("executive summary")
    plain_summary = models.TextField(
        "plain English summary",
        blank=True,
        help_text="Optional: the summary in everyday words, for readers outside safeguarding. Shown first.",
    )
    source_document = models.FileField(
        upload_to=source_document_path, blank=True, help_text="The executive summary as a PDF or Word (DOCX) file."
    )
    source_url = models.URLField(max_length=500, blank=True, help_text="Where the board publishes the review.")
    agencies = models.ManyToManyField(Agency, related_name="reviews", blank=True)
    themes = models.ManyToManyField("themes.Theme", related_name="reviews", blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The ids of the review's themes and agencies, copied from its links with the search words (same receiver):
    # feeds and alerts that follow a search filter on them with no join to the link tables.
    theme_ids = ArrayField(models.BigIntegerField(), null=True, blank=True, editable=False)
    agency_ids = ArrayField(models.BigIntegerField(), null=True, blank=True, editable=False)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        permissions = [("publish_review", "Can publish and withdraw reviews")]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="reviews_review_slug_unique"),
            models.UniqueConstraint(
                fields=["reference"], condition=~models.Q(reference=""), name="reviews_review_reference_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "published", "withdrawn"]), name="reviews_review_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(review_type__in=["SCR", "CSPR", "National", "SAR", "DHR", "CPR", "APR"]),
                name="reviews_review_type_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(age_band__in=["", "under-1", "1-4", "5-10", "11-15", "16-17", "adult"]),
                name="reviews_review_age_band_valid",
            ),
            # A published review must say when it was published: lists and trends are by year.
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_on__isnull=False),
                name="reviews_review_published_has_date",
            ),
        ]
        indexes = [
            # public lists: published reviews, newest first
            models.Index(
                models.F("published_on").desc(nulls_last=True),
                "id",
                name="review_published_newest_idx",
                condition=models.Q(status="published"),
            ),
            # feeds: the newest published reviews by when they were first published (the "all reviews" feed's
            # query went from 70 ms to 0.1 ms at 100,000 reviews)
            models.Index(
                models.F("first_published_at").desc(nulls_last=True),
                models.F("published_on").desc(nulls_last=True),
                models.F("id").desc(),
                name="review_first_published_idx",
                condition=models.Q(status="published"),
            ),
            # board pages: one board's published reviews, newest first (207 ms -> 16 ms at 100,000 reviews, where
            # the newest-first index above walked past every newer review of other boards)
            models.Index(
                "board",
                models.F("published_on").desc(nulls_last=True),
                models.F("id").desc(),
                name="review_board_newest_idx",
                condition=models.Q(status="published"),
            ),
            # admin lists: one board's reviews by status
            models.Index(fields=["board", "status"], name="review_board_status_idx"),
            # the demo notice on every page (reviews.demo.notice): empty, so free, on a library without demo data
            models.Index(
                fields=["reference"], name="review_demo_idx", condition=models.Q(reference__startswith="DEMO-")
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reviews:detail", args=[self.slug])

    def clean(self):
        errors = {}
        if self.reference:
            clash = Review.objects.filter(reference=self.reference).exclude(pk=self.pk)
            if clash.exists():
                errors["reference"] = "Another review already has this reference."
        if self.slug and Review.objects.filter(slug=self.slug).exclude(pk=self.pk).exists():
            errors["slug"] = "Another review already has this web address."
        if self.status == self.Status.PUBLISHED and not self.published_on:
            errors["published_on"] = "A published review needs a publication date."
        if errors:
            raise ValidationError(errors)

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def document_url(self) -> str:
        return reverse("reviews:document", args=[self.slug]) if self.source_document else ""


class Finding(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="findings")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField()

    class Meta:
        ordering = ["review", "position", "id"]
        # No extra index: the foreign key's own index serves "this review's findings".

    def __str__(self) -> str:
        return self.text[:80]


class Recommendation(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="recommendations")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField()
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
        help_text="The agency the recommendation is addressed to, if one.",
    )

    class Meta:
        ordering = ["review", "position", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class ReviewEvent(models.Model):
    """Who did what to a review, and when: publishing, withdrawing, importing, changing. Never edited."""

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        CHANGED = "changed", "Changed"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"
        IMPORTED = "imported", "Imported"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"


class ReviewLinkQuerySet(models.QuerySet):
    def involving(self, review: Review) -> "ReviewLinkQuerySet":
        return self.filter(models.Q(first=review) | models.Q(second=review))


class ReviewLink(models.Model):
    """Two reviews about the same family or incident (a domestic homicide review and a child safeguarding practice
    review, say). Symmetric: kept once, with the lower id first; each review shows the other."""

    # Indexed by the constraint and index below, not by the foreign keys' own indexes.
    first = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="+", db_index=False)
    second = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="+", db_index=False)
    note = models.CharField(max_length=200, blank=True, help_text="How they are linked, for example the same family.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ReviewLinkQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(first__lt=models.F("second")), name="reviews_link_ordered"),
            models.UniqueConstraint(fields=["first", "second"], name="reviews_link_unique"),
        ]
        indexes = [
            # a review's links where it is the second (the unique constraint serves the first)
            models.Index(fields=["second"], name="reviewlink_second_idx"),
        ]

    def __str__(self) -> str:
        return f"Reviews {self.first_id} and {self.second_id} are linked"

    def other(self, review: Review) -> Review:
        return self.second if review.pk == self.first_id else self.first


from .search_models import SearchChange, SearchDocument  # noqa: E402, F401  (the search's tables, app reviews)
