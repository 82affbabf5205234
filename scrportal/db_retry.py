"""Reads survive a PostgreSQL restart: a GET or HEAD whose database connection was cut runs once more.

When PostgreSQL restarts, or an administrator ends connections, every pooled connection dies. Idle ones are
tested by the pool before use (CONN_HEALTH_CHECKS) and replaced. A request already holding one fails with
"terminating connection due to administrator command"; reading has no side effects, so this middleware, outermost,
gives the connection back (the pool throws a broken one away) and runs the request once more on a fresh connection.
Writes are never repeated: a POST may have done part of its work.
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError, connections
from django.dispatch import receiver

logger = logging.getLogger(__name__)

SAFE_METHODS = {"GET", "HEAD"}


@receiver(got_request_exception, dispatch_uid="scrportal.db_retry.note_lost_connection")
def note_lost_connection(sender, request=None, **kwargs) -> None:
    # Django turns the view's exception into a 500 response before an outer middleware sees it; this receiver
    # runs while the exception is being handled, so it can tell the middleware what went wrong.
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, OperationalError | InterfaceError):
        request.lost_database_connection = True


class RetryReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method in SAFE_METHODS and getattr(request, "lost_database_connection", False):
            logger.warning("Database connection lost during %s %s; running it again", request.method, request.path)
            request.lost_database_connection = False
            for connection in connections.all(initialized_only=True):
                connection.close()  # back to the pool, which discards a broken connection
            response = self.get_response(request)
        return response
