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
