from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_delete


class ReviewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reviews"

    def ready(self) -> None:
        from scrportal import checks  # noqa: F401  (registers the front-end build check)
        from themes.models import Theme

        from . import search
        from .models import Agency, Board, Region
        from .signals import reviews_changed

        # Search vectors and cached search results follow every change to reviews and to their labels.
        reviews_changed.connect(search.on_reviews_changed, dispatch_uid="search-vectors")
        post_save.connect(search.on_theme_saved, sender=Theme, dispatch_uid="search-theme-saved")
        pre_delete.connect(search.on_theme_deleting, sender=Theme, dispatch_uid="search-theme-deleting")
        post_delete.connect(search.on_theme_deleted, sender=Theme, dispatch_uid="search-theme-deleted")
        for model in (Board, Region, Agency):
            post_save.connect(search.on_labels_changed, sender=model, dispatch_uid=f"search-{model.__name__}-saved")
            post_delete.connect(search.on_labels_changed, sender=model, dispatch_uid=f"search-{model.__name__}-gone")
