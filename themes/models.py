from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse
from django.utils.text import slugify


class ThemeQuerySet(models.QuerySet):
    def matching(self, label: str) -> "ThemeQuerySet":
        """Themes whose name, slug or one of whose synonyms is `label` (case-insensitive)."""
        text = label.strip()
        return self.filter(
            models.Q(name__iexact=text) | models.Q(slug=slugify(text)) | models.Q(synonyms__contains=[text.lower()])
        )


class Theme(models.Model):
    class Group(models.TextChoices):
        PRACTICE = "practice", "Practice"
        HARM = "harm", "Harm and context"

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, db_index=False)  # unique constraint below indexes it
    group = models.CharField(max_length=20, choices=Group.choices)
    description = models.TextField(blank=True)
    # Words practitioners use for the theme; lower case. A search for a synonym finds the theme's reviews.
    synonyms = ArrayField(models.CharField(max_length=100), default=list, blank=True)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name"], name="themes_theme_name_unique"),
            models.UniqueConstraint(fields=["slug"], name="themes_theme_slug_unique"),
            models.CheckConstraint(condition=~models.Q(slug=""), name="themes_theme_slug_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        self.synonyms = sorted({s.strip().lower() for s in self.synonyms if s.strip()})
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("themes:detail", args=[self.slug])

    @property
    def labels(self) -> list[str]:
        """Every way of naming this theme: name, slug and synonyms, lower case."""
        return [self.name.lower(), self.slug, *self.synonyms]


# ---------------------------------------------------------------------------------------------------------------
# Derived data for the dashboards (themes.trends), kept in step by the reviews_changed receiver. Plain integer
# columns, not foreign keys: the rows are counts about reviews, boards' regions and themes, rewritten in SQL.


class TrendCount(models.Model):
    """Published reviews in one region, year and review type: all of them (theme 0), those with one theme
    (other theme 0), or those with both of two themes (theme < other theme)."""

    region_id = models.BigIntegerField()
    year = models.IntegerField()
    review_type = models.CharField(max_length=10)
    theme_id = models.BigIntegerField()
    other_theme_id = models.BigIntegerField()
    reviews = models.IntegerField()

    class Meta:
        constraints = [
            # the receiver's upsert adds to the row for a key
            models.UniqueConstraint(
                fields=["region_id", "year", "review_type", "theme_id", "other_theme_id"],
                name="themes_trendcount_key_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviews} reviews: region {self.region_id}, {self.year}, {self.review_type or 'all types'}"


class TrendReview(models.Model):
    """What TrendCount holds for one review (every review seen, published or not), so that a change can take
    the review's old contribution away before adding its new one."""

    review_id = models.BigIntegerField(primary_key=True)
    counted = models.BooleanField()  # published when last seen
    region_id = models.BigIntegerField(null=True)
    year = models.IntegerField(null=True)
    review_type = models.CharField(max_length=10)
    theme_ids = ArrayField(models.BigIntegerField(), default=list)

    def __str__(self) -> str:
        return f"review {self.review_id}"


from .suggestion_models import FindingTheme, SimilarReview, SuggestionDecision, ThemeModel  # noqa: E402, F401
