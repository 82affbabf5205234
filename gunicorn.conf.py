# gunicorn reads this file from the working directory: `gunicorn scrportal.wsgi` uses it in development and
# production alike. Command-line options (--bind, --workers) override it.

# Each worker serves several requests at once; database connections come from each worker's own pool (settings.py).
# Not preload_app: the pool's threads would not survive the fork.
worker_class = "gthread"
threads = 4
# Keep idle connections open longer than a client or proxy waits between requests: at gunicorn's default of 2
# seconds, a browser reusing a connection just as the server closes it gets "connection reset".
keepalive = 75
