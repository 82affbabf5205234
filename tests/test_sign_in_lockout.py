"""Repeated failed sign-ins pause sign-in for the account and for the address they came from."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.client_ip import client_ip

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOCKED = "Too many failed sign-in attempts. Try again in 15 minutes."


def sign_in(client: Client, username: str, password: str):
    return client.post(reverse("admin:login"), {"username": username, "password": password, "next": "/admin/"})


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(editor):
    client = Client(REMOTE_ADDR="192.0.2.10")
    for _ in range(4):
        response = sign_in(client, "owner", "wrong password")
        assert response.status_code == 200 and LOCKED not in response.content.decode()
    response = sign_in(client, "owner", "wrong password")
    assert response.status_code == 429 and LOCKED in response.content.decode()

    response = sign_in(client, "owner", PASSWORD)
    assert response.status_code == 429 and LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_account_stays_locked_from_another_address(editor):
    for n in range(5):
        sign_in(Client(REMOTE_ADDR=f"192.0.2.{20 + n}"), "owner", "wrong password")
    response = sign_in(Client(REMOTE_ADDR="198.51.100.7"), "owner", PASSWORD)
    assert response.status_code == 429 and LOCKED in response.content.decode()


def test_the_address_is_locked_for_other_accounts_too(editor, other_editor):
    client = Client(REMOTE_ADDR="192.0.2.30")
    for n in range(5):
        sign_in(client, f"guess{n}", "wrong password")
    response = sign_in(client, "colleague", PASSWORD)
    assert response.status_code == 429 and LOCKED in response.content.decode()
    # Someone else at another address is not affected.
    assert sign_in(Client(REMOTE_ADDR="198.51.100.8"), "colleague", PASSWORD).status_code == 302


def test_a_forged_forwarded_address_does_not_dodge_the_lock_without_a_proxy(editor):
    for n in range(5):
        client = Client(REMOTE_ADDR="192.0.2.40", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        sign_in(client, f"guess{n}", "wrong password")
    client = Client(REMOTE_ADDR="192.0.2.40", HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert sign_in(client, "owner", PASSWORD).status_code == 429


def test_sign_in_works_again_after_the_pause(editor):
    client = Client(REMOTE_ADDR="192.0.2.50")
    for _ in range(5):
        sign_in(client, "owner", "wrong password")
    assert sign_in(client, "owner", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    response = sign_in(client, "owner", PASSWORD)
    assert response.status_code == 302


def test_behind_the_proxy_the_address_it_appended_is_the_clients(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5, 198.51.100.9")
    settings.BEHIND_PROXY = False  # DJANGO_BEHIND_PROXY
    assert client_ip(request) == "10.0.0.2"
    settings.BEHIND_PROXY = True
    assert client_ip(request) == "198.51.100.9"
