from django.http import HttpRequest

from scrportal.ratelimit import client_address


def client_ip(request: HttpRequest) -> str:
    """The address a request came from: what sign-in lockouts count by (django-axes calls this).

    One rule for the whole site, the rate limits' (scrportal.ratelimit.client_address): behind the proxy
    (DJANGO_BEHIND_PROXY=1) the address the proxy appended to X-Forwarded-For, never what the client wrote before
    it; otherwise REMOTE_ADDR, and the header is ignored, so nobody can pick an address to dodge a lockout.
    """
    return client_address(request)
