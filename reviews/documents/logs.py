"""Keeping a document's warnings short: a crafted PDF can make pypdf log hundreds of kilobytes of them."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

WARNINGS_PER_DOCUMENT = 5


class WarningCap(logging.Filter):
    """Lets the first few warnings through and counts the rest; errors always pass."""

    def __init__(self, limit: int = WARNINGS_PER_DOCUMENT) -> None:
        super().__init__()
        self.limit = limit
        self.seen = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR:
            return True
        self.seen += 1
        return self.seen <= self.limit

    @property
    def left_out(self) -> int:
        return max(0, self.seen - self.limit)


@contextmanager
def capped_warnings(stream: TextIO, *, limit: int = WARNINGS_PER_DOCUMENT) -> Iterator[WarningCap]:
    """While reading one document, pypdf's and Python's warnings go to stream, at most `limit` of them, then
    one line saying how many more there were."""
    cap = WarningCap(limit)
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    handler.addFilter(cap)
    loggers = [logging.getLogger(name) for name in ("pypdf", "py.warnings", "docx")]
    saved = [(logger.propagate, logger.level) for logger in loggers]
    logging.captureWarnings(True)
    for logger in loggers:
        logger.addHandler(handler)
        logger.propagate = False
        logger.setLevel(logging.WARNING)
    try:
        yield cap
    finally:
        for logger, (propagate, level) in zip(loggers, saved, strict=True):
            logger.removeHandler(handler)
            logger.propagate = propagate
            logger.setLevel(level)
        logging.captureWarnings(False)
        if cap.left_out:
            stream.write(f"... and {cap.left_out} more warnings about this document were left out\n")
