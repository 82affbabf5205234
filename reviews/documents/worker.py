"""The sandboxed reader: `python -m reviews.documents.worker MAX_BYTES MEMORY_BYTES SECONDS`.

Reads a document's bytes on stdin and writes one JSON object on stdout: {"parsed": {...}} or {"error": "..."}.
It limits its own address space and CPU time first, so a hostile file can exhaust only this process. Django is
not loaded: the worker needs nothing from it.
"""

import json
import resource
import sys

TOO_MUCH_MEMORY = (
    "The document needs more memory to read than we allow, so it was not read. It may be damaged, or built to "
    "cause trouble: save it again (or print it to PDF) and upload that."
)
UNREADABLE = "The document could not be read. Save it again as PDF or .docx and upload that."


def _limit(memory_bytes: int, seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds + 1, seconds + 2))


def _read(limit: int) -> bytes:
    chunks, total = [], 0
    while total <= limit:
        chunk = sys.stdin.buffer.read(min(1 << 20, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _parse(data: bytes, max_bytes: int) -> dict:
    try:
        from .errors import DocumentError
        from .logs import capped_warnings
        from .parse import parse

        with capped_warnings(sys.stderr):
            try:
                return {"parsed": parse(data, max_bytes=max_bytes).as_dict()}
            except DocumentError as error:
                return {"error": str(error)}
    except MemoryError:
        return {"error": TOO_MUCH_MEMORY}
    except RecursionError:
        return {"error": UNREADABLE}
    except ImportError as error:
        # Loading a library fails this way when the address-space limit leaves no room to map it.
        return {"error": TOO_MUCH_MEMORY if "map" in str(error) else UNREADABLE}
    except Exception as error:  # anything else a hostile file provokes: the editor gets a plain message
        print(f"{type(error).__name__}: {str(error)[:300]}", file=sys.stderr)
        return {"error": UNREADABLE}


def main(argv: list[str]) -> int:
    max_bytes, memory_bytes, seconds = (int(value) for value in argv[1:4])
    data = _read(max_bytes)
    _limit(memory_bytes, seconds)  # before anything looks inside the document
    result = _parse(data, max_bytes)
    del data
    sys.stdout.write(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
