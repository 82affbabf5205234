from django.apps import AppConfig


class ThemesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "themes"

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_delete

        from reviews.models import Board, Region
        from reviews.signals import reviews_changed

        from . import search_words, tasks
        from .models import Theme
        from .suggestions import receivers as suggestion_receivers
        from .trends import figures as trends

        # The dashboards' summary counts follow changes to reviews, to boards' regions and to the set of themes;
        # cached figures go stale with them and when the names and places they show change. Recounts that can touch
        # thousands of reviews (a board's region, a theme deleted) are done by the task queue (themes.tasks).
        reviews_changed.connect(trends.on_reviews_changed, dispatch_uid="themes.trends.reviews_changed")
        post_save.connect(tasks.on_board_saved, sender=Board, dispatch_uid="themes.trends.Board")
        # Findings' themes follow their review's changes (only once a suggestion model has been trained).
        reviews_changed.connect(
            suggestion_receivers.on_reviews_changed, dispatch_uid="themes.suggestions.reviews_changed"
        )
        for model in (Theme, Region):
            post_save.connect(
                trends.forget_cached_figures, sender=model, dispatch_uid=f"themes.trends.{model.__name__}"
            )
        pre_delete.connect(tasks.on_theme_deleting, sender=Theme, dispatch_uid="themes.trends.theme_deleting")
        post_delete.connect(tasks.on_theme_deleted, sender=Theme, dispatch_uid="themes.trends.theme_deleted")
        post_save.connect(search_words.on_theme_saved, sender=Theme, dispatch_uid="search-theme-saved")
        pre_delete.connect(search_words.on_theme_deleting, sender=Theme, dispatch_uid="search-theme-deleting")
        post_delete.connect(search_words.on_theme_deleted, sender=Theme, dispatch_uid="search-theme-deleted")
