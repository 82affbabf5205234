# gunicorn reads this file from the working directory: `gunicorn scrportal.wsgi` uses it in development and
# production alike. Command-line options (--bind, --workers) override it.
import os

# One process of 8 threads on a 2-core machine that also runs PostgreSQL (the README's *Production* says why and
# what was measured): each process (about 350 MB at 100,000 reviews) holds its own search index, puts it right
# after every change and works out each new search for itself, so a second process doubles that work and
# the memory, and its searches compete with PostgreSQL's for the two cores. WEB_CONCURRENCY (gunicorn's own
# variable) sets more processes, for example one per core when PostgreSQL has a machine of its own.
workers = int(os.environ.get("WEB_CONCURRENCY", 1))
# Threads overlap one request's database waits with another's work; as many as a process's database pool holds
# (DATABASE_POOL_MAX, 8), so that no thread waits for a connection. Not preload_app: the pool's threads would not
# survive the fork.
worker_class = "gthread"
threads = 8
# Keep idle connections open longer than a client or proxy waits between requests: at gunicorn's default of 2
# seconds, a browser reusing a connection just as the server closes it gets "connection reset".
keepalive = 75
