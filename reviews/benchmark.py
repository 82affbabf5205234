"""A separate database for benchmarks, filled once with demo reviews and reused by later runs.

The benchmark commands point Django's default connection at `<working database>_bench_<N>` on the same
PostgreSQL server (named after DATABASE_URL's database, so people working side by side with databases of their
own never share one), so benchmarks never touch the working database and a second run does not refill.
"""

import time

from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections

from .demo import demo_lines
from .importing import review_import_rows, validate_review_lines
from .models import Review


def use_benchmark_database(reviews: int, *, seed: int = 2014, write=print) -> str:
    """Switch this process to the benchmark database for `reviews` demo reviews, creating and filling it if needed.

    Returns the database name. Costs a minute or two the first time at 100,000 reviews; seconds after that.
    """
    name = f"{settings.DATABASES['default']['NAME']}_bench_{reviews}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        exists = cursor.fetchone() is not None
        if not exists:
            write(f"Creating benchmark database {name}")
            cursor.execute(f'CREATE DATABASE "{name}"')
    connections.close_all()
    connections["default"].close_pool()  # the pool holds connections to the working database
    settings.DATABASES["default"]["NAME"] = name
    connections["default"].settings_dict["NAME"] = name
    connections["default"].close()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    have = Review.objects.published().count()
    if have < reviews:
        started = time.monotonic()
        write(f"Filling {name} with {reviews - have:,} demo reviews")
        rows = validate_review_lines(demo_lines(reviews, seed=seed))
        result = review_import_rows(rows=rows[have:])
        write(f"Imported {result.created:,} reviews in {time.monotonic() - started:.1f} s")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return name
