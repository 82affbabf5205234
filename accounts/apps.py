from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Staff accounts: sign-in lockout, two-factor sign-in, and who may change national content.

    The bottom room: every other app may use it, it uses none of them.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
