"""Running the reader in a separate, limited process, so a pathological file cannot hold a web worker.

The child is `python -m reviews.documents.worker` with a wall-time limit (the parent kills it), an address-space
limit and a CPU-time limit (the child sets them on itself), and an environment holding nothing but a path.
"""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from .errors import DocumentError
from .parsed import ParsedDocument
from .worker import TOO_MUCH_MEMORY, UNREADABLE

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SECONDS = 20
DEFAULT_MEMORY_BYTES = 1024**3


def _limits() -> tuple[float, int]:
    # Settings rather than constants so a test can give a limit no reader can meet, instead of sleeping.
    seconds = float(getattr(settings, "DOCUMENT_PARSE_SECONDS", DEFAULT_SECONDS))
    memory = int(getattr(settings, "DOCUMENT_PARSE_MEMORY_BYTES", DEFAULT_MEMORY_BYTES))
    return seconds, memory


def run_sandboxed(data: bytes, *, max_bytes: int) -> ParsedDocument:
    seconds, memory = _limits()
    command = [sys.executable, "-E", "-m", "reviews.documents.worker", str(max_bytes), str(memory), str(int(seconds))]
    try:
        done = subprocess.run(
            command,
            input=data,
            capture_output=True,
            timeout=seconds,
            cwd=PROJECT_ROOT,
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"},
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise DocumentError(
            f"Reading the document took longer than {seconds:g} seconds, so it was stopped. It may be damaged or "
            "unusually complex: save it again (or print it to PDF) and upload that, or type the summary in."
        ) from None
    warnings = done.stderr.decode("utf-8", "replace").strip()
    if warnings:
        logger.warning("While reading an uploaded document:\n%s", warnings[:4000])
    try:
        result = json.loads(done.stdout)
    except ValueError:
        # The child died without answering: killed for using too much memory or CPU, or crashed.
        if "MemoryError" in warnings or done.returncode in (-9, -24):
            raise DocumentError(TOO_MUCH_MEMORY) from None
        raise DocumentError(UNREADABLE) from None
    if "error" in result:
        raise DocumentError(result["error"])
    return ParsedDocument.from_dict(result["parsed"])
