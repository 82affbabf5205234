"""Who may change national content: the glossary, theme learning pages and the theme taxonomy.

These are read by every board's practitioners, so they are changed only by the national editors group (and
superusers). Board editors see them; what they change is their own boards' reviews, actions and feedback.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import HttpRequest

NATIONAL_EDITORS_GROUP = "National editors"


def is_national_editor(user: AbstractBaseUser | AnonymousUser) -> bool:
    if not user.is_active or not user.is_staff:
        return False
    return user.is_superuser or user.groups.filter(name=NATIONAL_EDITORS_GROUP).exists()


class NationalContentAdmin:
    """For ModelAdmins and inlines of national content: only national editors add, change or delete.

    Checked on the server for every request, on top of the model permissions the group gives, so a board editor
    who was given a model permission by mistake still cannot change national content.
    """

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return super().has_add_permission(request, *args) and is_national_editor(request.user)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_change_permission(request, obj) and is_national_editor(request.user)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and is_national_editor(request.user)
