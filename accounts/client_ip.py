from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The address a request came from: what sign-in lockouts and rate limits count by.

    Behind the proxy (DJANGO_BEHIND_PROXY=1) every request comes from the proxy, so the address the proxy appended
    to X-Forwarded-For is the client's; anything earlier in that header was written by the client and is not
    trusted. Otherwise the header is ignored, so nobody can pick an address to dodge a lockout.
    """
    if settings.SECURE_PROXY_SSL_HEADER and request.META.get("HTTP_X_FORWARDED_FOR"):
        return request.META["HTTP_X_FORWARDED_FOR"].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")
