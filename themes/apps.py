from django.apps import AppConfig


class ThemesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "themes"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from reviews.models import Board, Region
        from reviews.signals import reviews_changed

        from . import trends
        from .models import Theme

        # Cached dashboard figures go stale when reviews change, and when the names and places they show change.
        reviews_changed.connect(trends.forget_cached_figures, dispatch_uid="themes.trends.reviews_changed")
        for model in (Theme, Board, Region):
            post_save.connect(
                trends.forget_cached_figures, sender=model, dispatch_uid=f"themes.trends.{model.__name__}"
            )
        post_delete.connect(trends.forget_cached_figures, sender=Theme, dispatch_uid="themes.trends.theme_deleted")
