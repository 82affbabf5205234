"""Small per-process caches of search answers; every key carries the generation it was computed for."""

import threading
from collections import OrderedDict

_RESULT_CACHE_SIZE = 256


# What texts matched, as bitsets of the index (up to 21 for a sentence: 260 kB at 100,000 reviews): fewer kept.
_TEXT_CACHE_SIZE = 32


class ResultCache:
    """A small least-recently-used cache in this process; keys carry the shared generation token."""

    def __init__(self, size: int):
        self.size = size
        self.entries: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            value = self.entries.get(key)
            if value is not None:
                self.entries.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self.lock:
            self.entries[key] = value
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


results = ResultCache(_RESULT_CACHE_SIZE)


texts = ResultCache(_TEXT_CACHE_SIZE)


def clear_result_cache() -> None:
    """Forget this process's cached results (the benchmark uses it to time uncached searches)."""
    results.clear()
    texts.clear()
