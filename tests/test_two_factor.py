"""Staff sign in with a password and then a code from an authenticator app, or a one-time recovery code."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import new_recovery_codes

from .conftest import PASSWORD
from .test_settings import PRODUCTION, run_manage

pytestmark = pytest.mark.django_db

TWO_FACTOR = reverse("accounts:two-factor")
SET_UP = reverse("accounts:two-factor-set-up")


def code_now(device: TOTPDevice) -> str:
    token = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    return str(token).zfill(device.digits)


def a_moment_later(device: TOTPDevice) -> None:
    """As if the seconds a device waits after a wrong code had passed."""
    device.refresh_from_db()
    device.throttling_failure_timestamp -= datetime.timedelta(minutes=1)
    device.save(update_fields=["throttling_failure_timestamp"])


def password_only(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_password_alone_does_not_open_the_admin(editor):
    client = password_only(editor)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response["Location"] == f"{TWO_FACTOR}?next=%2Fadmin%2F"
    # Nor any other staff page, nor a way round through another address.
    response = client.get(reverse("admin:reviews_review_changelist"))
    assert response.status_code == 302 and response["Location"].startswith(TWO_FACTOR)


def test_staff_without_an_app_set_one_up_and_get_recovery_codes(editor):
    client = Client()
    response = client.post(reverse("admin:login"), {"username": "owner", "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == f"{SET_UP}?next=%2Fadmin%2F"
    page = response.content.decode()
    assert "Set up two-step sign-in" in page and "<svg" in page

    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    response = client.post(SET_UP, {"code": "000000", "next": "/admin/"})
    assert response.status_code == 400 and "That code is not right" in response.content.decode()

    a_moment_later(device)
    response = client.post(SET_UP, {"code": code_now(device), "next": "/admin/"})
    page = response.content.decode()
    assert response.status_code == 200 and "Keep your recovery codes" in page
    assert page.count("<li><code>") == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


def test_staff_with_an_app_give_its_code(editor):
    device = TOTPDevice.objects.create(user=editor, name="Phone", confirmed=True)
    client = password_only(editor)
    assert client.get(f"{TWO_FACTOR}?next=/admin/").status_code == 200
    response = client.post(TWO_FACTOR, {"code": "123456", "next": "/admin/"})
    assert response.status_code == 400 and "That code is not right" in response.content.decode()
    assert client.get("/admin/").status_code == 302
    # Straight after a wrong code, even the right one must wait a moment (guessing is slowed down).
    response = client.post(TWO_FACTOR, {"code": code_now(device), "next": "/admin/"})
    assert response.status_code == 400 and "Too many wrong codes. Wait 1 second" in response.content.decode()
    a_moment_later(device)

    code = code_now(device)
    response = client.post(TWO_FACTOR, {"code": f"{code[:3]} {code[3:]}", "next": "/admin/reviews/review/"})
    assert response.status_code == 302 and response["Location"] == "/admin/reviews/review/"
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_works_once(editor):
    TOTPDevice.objects.create(user=editor, name="Phone", confirmed=True)
    codes = new_recovery_codes(user=editor)
    first = password_only(editor)
    response = first.post(TWO_FACTOR, {"code": codes[0].upper(), "next": "/admin/"}, follow=True)
    assert response.status_code == 200 and "You have 9 left" in response.content.decode()

    again = password_only(editor)
    response = again.post(TWO_FACTOR, {"code": codes[0], "next": "/admin/"})
    assert response.status_code == 400
    assert again.get("/admin/").status_code == 302


def test_after_the_code_only_addresses_on_this_site_are_followed(editor):
    device = TOTPDevice.objects.create(user=editor, name="Phone", confirmed=True)
    client = password_only(editor)
    response = client.post(TWO_FACTOR, {"code": code_now(device), "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_signing_out_stays_possible_before_the_code(editor):
    client = password_only(editor)
    response = client.post(reverse("admin:logout"))
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_public_visitors_and_signed_in_staff_are_not_troubled(client, editor_client, published_a):
    assert client.get(published_a.get_absolute_url()).status_code == 200
    assert editor_client.get("/admin/").status_code == 200


def test_production_settings_require_the_second_step():
    result = run_manage("shell", "-c", "from django.conf import settings; print(settings.MIDDLEWARE)", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    middleware = result.stdout.strip().splitlines()[-1]
    assert "django_otp.middleware.OTPMiddleware" in middleware
    assert "accounts.two_factor.RequireTwoFactorMiddleware" in middleware


def test_demo_logins_print_a_password_and_a_working_recovery_code(board_a, settings, tmp_path, monkeypatch):
    from reviews.management.commands import demo_logins

    monkeypatch.setattr(demo_logins, "logins_path", lambda: tmp_path / "demo-logins.json")
    settings.DEBUG = True
    out = StringIO()
    call_command("demo_logins", stdout=out)
    line = next(text for text in out.getvalue().splitlines() if "board editor" in text)
    password, code = line.split(" / ")[1].split("  then code ")
    client = Client()
    client.post(reverse("admin:login"), {"username": "editor", "password": password, "next": "/admin/"})
    assert client.get("/admin/").status_code == 302
    client.post(TWO_FACTOR, {"code": code, "next": "/admin/"})
    assert client.get("/admin/").status_code == 200


def test_demo_logins_refuse_to_run_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="local demos only"):
        call_command("demo_logins", stdout=StringIO())
