from django.apps import AppConfig


class ActionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "actions"
    verbose_name = "Taking learning forward"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from reviews.models import Agency, Board, Region
        from reviews.signals import reviews_changed
        from themes.models import Theme

        from .tracker import forget_tracker_figures

        # Publishing or withdrawing a review changes what the national tracker may count.
        reviews_changed.connect(forget_tracker_figures, dispatch_uid="actions.forget_tracker_figures")
        # The tracker pages and the evidence pack show these names, and a theme deleted leaves its reviews.
        for model in (Theme, Board, Region, Agency):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_tracker_figures,
                    sender=model,
                    dispatch_uid=f"actions.forget_tracker_figures.{signal is post_save}.{model.__name__}",
                )
