from django.apps import AppConfig


class ActionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "actions"
    verbose_name = "Taking learning forward"

    def ready(self):
        from reviews.signals import reviews_changed

        from .tracker import forget_tracker_figures

        # Publishing or withdrawing a review changes what the national tracker may count.
        reviews_changed.connect(forget_tracker_figures, dispatch_uid="actions.forget_tracker_figures")
