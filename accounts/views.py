"""The two-factor pages under /admin/two-factor/: give a code, or set up an authenticator app."""

import base64
import math

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import CodeForm, SetUpForm
from .two_factor import AUTHENTICATOR_NAME, authenticator_for, new_recovery_codes, recovery_codes_left

WRONG_CODE = "That code is not right, or has expired. Enter the code your authenticator app shows now."

staff_sign_in_required = login_required(login_url="admin:login")


def render_sign_in_page(request: HttpRequest, template: str, title: str, context: dict, status: int = 200):
    """An admin-styled page of the sign-in steps, with the admin's header."""
    from django.contrib import admin

    shell = {"site_header": admin.site.site_header, "site_title": admin.site.site_title, "title": title}
    return render(request, template, {**shell, **context}, status=status)


def _next_url(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return wanted
    return "/admin/"


def _wait_message(device) -> str | None:
    """After wrong codes a device refuses to check any code for a while (1, 2, 4 ... seconds): say so."""
    allowed, details = device.verify_is_allowed()
    if allowed or not details or "locked_until" not in details:
        return None
    seconds = max(1, math.ceil((details["locked_until"] - timezone.now()).total_seconds()))
    return f"Too many wrong codes. Wait {seconds} second{'s' if seconds != 1 else ''}, then try again."


def _check_code(user, code: str) -> tuple[object | None, str]:
    """The device that accepts `code` (the authenticator for six digits, otherwise a recovery code, which is then
    used up), or None and what to tell the person."""
    if code.isdigit() and len(code) == 6:
        device = authenticator_for(user)
    else:
        device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return None, WRONG_CODE
    wait = _wait_message(device)
    if wait:
        return None, wait
    return verify_token(user, device.persistent_id, code), WRONG_CODE


@staff_sign_in_required
def two_factor(request: HttpRequest) -> HttpResponse:
    if not request.user.is_staff:
        return redirect("admin:login")
    if request.user.is_verified():
        return redirect(_next_url(request))
    if authenticator_for(request.user) is None:
        return redirect(f"{reverse('accounts:two-factor-set-up')}?{request.GET.urlencode()}")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device, problem = _check_code(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = recovery_codes_left(request.user)
                messages.warning(
                    request, f"You used a recovery code. You have {left} left: ask an administrator for new ones."
                )
            return redirect(_next_url(request))
        form.add_error("code", problem)
    status = 400 if form.errors else 200
    context = {"form": form, "next": _next_url(request)}
    return render_sign_in_page(request, "accounts/two_factor.html", "Enter your sign-in code", context, status)


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


@staff_sign_in_required
@transaction.atomic
def two_factor_set_up(request: HttpRequest) -> HttpResponse:
    if not request.user.is_staff:
        return redirect("admin:login")
    if authenticator_for(request.user) is not None:
        return redirect(f"{reverse('accounts:two-factor')}?{request.GET.urlencode()}")
    # The key is kept unconfirmed until the person proves their app has it, so reloading shows the same key.
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, confirmed=False, name=AUTHENTICATOR_NAME)
    form = SetUpForm(request.POST or None)
    if form.is_valid() and (wait := _wait_message(device)):
        form.add_error("code", wait)
    elif form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = new_recovery_codes(user=request.user)
            otp_login(request, device)
            context = {"codes": codes, "next": _next_url(request)}
            return render_sign_in_page(request, "accounts/recovery_codes.html", "Keep your recovery codes", context)
        form.add_error("code", WRONG_CODE)
    key = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "next": _next_url(request),
        "key": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
        "qr_code": mark_safe(_qr_svg(device.config_url)),  # noqa: S308 - made here from our own data
    }
    title = "Set up two-step sign-in"
    status = 400 if form.errors else 200
    return render_sign_in_page(request, "accounts/two_factor_set_up.html", title, context, status)
