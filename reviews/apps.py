from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ReviewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reviews"

    def ready(self) -> None:
        import scrportal.checks  # noqa: F401  (registers the front-end build check)

        from .models import Agency, Board, Region, Review
        from .search import vectors as search
        from .signals import reviews_changed

        # Search vectors and cached search results follow every change to reviews and to their labels (and to
        # themes: see themes.search_words).
        reviews_changed.connect(search.on_reviews_changed, dispatch_uid="search-vectors")
        post_delete.connect(search.on_review_deleted, sender=Review, dispatch_uid="search-review-gone")
        for model in (Board, Region, Agency):
            post_save.connect(search.on_labels_changed, sender=model, dispatch_uid=f"search-{model.__name__}-saved")
            post_delete.connect(search.on_labels_changed, sender=model, dispatch_uid=f"search-{model.__name__}-gone")
