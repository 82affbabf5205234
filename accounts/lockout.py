"""What a person sees when django-axes has locked sign-in after repeated failures (AXES_LOCKOUT_CALLABLE)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .views import render_sign_in_page


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    minutes = round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    context = {"minutes": minutes}
    return render_sign_in_page(request, "accounts/locked_out.html", "Sign-in paused", context, status=429)
