"""Two-factor sign-in for staff: a code from an authenticator app (TOTP), or a one-time recovery code.

Every staff account (board editors, national editors, inspectors, superusers) must pass it before any page: after
the password, RequireTwoFactorMiddleware sends a staff member who has not yet given a code to the code page, or,
without an authenticator app yet, to the page that sets one up. There is no switch that turns it off.
"""

import functools
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


def needs_two_factor(user) -> bool:
    return user.is_authenticated and user.is_staff and not user.is_verified()


def authenticator_for(user: AbstractBaseUser) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if they have set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@transaction.atomic
def new_recovery_codes(*, user: AbstractBaseUser) -> list[str]:
    """Replace the user's recovery codes with new ones; each works once. Returns them, to be shown once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user: AbstractBaseUser) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


class RequireTwoFactorMiddleware:
    """Send staff who signed in with a password but have not given a second factor to do so.

    Must come after django_otp's OTPMiddleware. Signing out, the sign-in page itself and the two-factor pages stay
    open, so a half-signed-in person can finish or leave.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if needs_two_factor(request.user) and not self._always_open(request.path):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:two-factor')}?{query}")
        return self.get_response(request)

    @staticmethod
    def _always_open(path: str) -> bool:
        return path in _open_paths() or path.startswith(settings.STATIC_URL)


@functools.cache
def _open_paths() -> frozenset[str]:
    names = ["accounts:two-factor", "accounts:two-factor-set-up", "admin:login", "admin:logout"]
    return frozenset(reverse(name) for name in names)
