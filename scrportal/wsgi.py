"""The WSGI application that gunicorn serves (settings in gunicorn.conf.py)."""

import os

import textstat
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrportal.settings")

application = get_wsgi_application()

# Reading ease (learning.readability, through textstat) needs a 130,000-word pronunciation dictionary that takes
# seconds of CPU to load. Loaded here, as each gunicorn worker starts and before it takes a request, rather than by
# its first requests, which would all load it at once and time out under load.
textstat.flesch_reading_ease("Loaded before the first request.")
