"""Background work for alerts, run by the task queue: the daily digest emails.

Sending every subscriber's digest talks to the mail server once per subscriber: never inside a web request.
The worker runs it each morning; `manage.py send_alerts` does the same by hand. Sending is idempotent in the sense
that matters: each subscriber's place (last_sent_at) moves on only when their email went, so a second run sends
nothing twice.
"""

from django.conf import settings
from procrastinate.contrib.django import app

from .services import send_digests


@app.periodic(cron="0 7 * * *")  # 07:00 every day (the server's time zone)
@app.task(name="learning.send_alert_digests", queueing_lock="learning.send_alert_digests")
def send_alert_digests(timestamp: int | None = None) -> None:
    send_digests(site_url=settings.ALERTS_SITE_URL)
