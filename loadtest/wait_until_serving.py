"""Wait (up to a minute) until the address answers, so the load test starts against a ready server."""

import sys
import time
import urllib.error
import urllib.request

address = sys.argv[1]
for _attempt in range(120):
    try:
        with urllib.request.urlopen(address, timeout=5):  # noqa: S310 - our own server
            sys.exit(0)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        time.sleep(0.5)
sys.exit(f"{address} did not answer within a minute")
