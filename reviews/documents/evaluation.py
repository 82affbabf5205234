"""Scoring extraction against hold-out documents with known answers (see holdout.py)."""

import random
import re
import resource
import time
from collections import defaultdict
from collections.abc import Callable
from difflib import SequenceMatcher
from statistics import median

from . import holdout
from .parsed import ParsedDocument

ITEM_MATCH = 0.8  # word-sequence similarity at which an extracted item counts as the expected one


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, _words(a), _words(b), autojunk=False).ratio()


def _matched(found: list[str], expected: list[str]) -> int:
    """How many expected items were found, each found item used at most once."""
    unused = list(found)
    hits = 0
    for item in expected:
        best = max(unused, key=lambda candidate: similarity(candidate, item), default=None)
        if best is not None and similarity(best, item) >= ITEM_MATCH:
            hits += 1
            unused.remove(best)
    return hits


def score(samples: list[holdout.Sample], parse: Callable[[bytes], ParsedDocument]) -> dict[str, float]:
    """Per-field accuracy (share of documents right), summary similarity (mean), item precision and recall."""
    right: dict[str, int] = defaultdict(int)
    summary_total = 0.0
    items = {name: [0, 0, 0] for name in ("findings", "recommendations")}  # matched, found, expected
    failures = 0
    for sample in samples:
        truth = sample.truth
        try:
            parsed = parse(sample.data)
        except Exception:
            failures += 1
            for name, counts in items.items():
                counts[2] += len(truth[name])
            continue
        norm = lambda text: " ".join(_words(text))  # noqa: E731
        right["title"] += norm(parsed.title) == norm(truth["title"])
        right["review type"] += parsed.review_type == truth["review_type"]
        right["year"] += parsed.published[:4] == truth["published"][:4]
        right["full date (when given)"] += len(truth["published"]) == 10 and parsed.published == truth["published"]
        right["board"] += parsed.board == truth["board"]
        right["age band"] += parsed.age_band == truth["age_band"]
        summary_total += similarity(parsed.summary, truth["summary"])
        for name, counts in items.items():
            found = getattr(parsed, name)
            counts[0] += _matched(found, truth[name])
            counts[1] += len(found)
            counts[2] += len(truth[name])
    total = len(samples)
    dated = sum(len(sample.truth["published"]) == 10 for sample in samples) or 1
    result = {name: count / (dated if name.startswith("full date") else total) for name, count in right.items()}
    result["summary similarity (mean)"] = summary_total / total
    for name, (matched, found, expected) in items.items():
        result[f"{name} precision"] = matched / found if found else 0.0
        result[f"{name} recall"] = matched / expected if expected else 0.0
    result["documents that failed"] = failures
    return result


def long_pdf(pages: int = 50, *, seed: int = 7) -> bytes:
    """A report about `pages` pages long, in the hold-out layout."""
    rng = random.Random(seed)
    truth, blocks, cover = holdout._document(rng)
    filler = [("p", holdout._fill(form, rng, "child", "Child Q")) for form in holdout.SUMMARY_FORMS * 4]
    body = []
    while len(body) < pages * 22:  # about 22 short paragraphs fill a page
        body += [("h1", f"{len(body) // 20 + 1}. Practice episode")] + filler
    return holdout._pdf(cover, blocks[:-2] + body, rng, truth["board"])


def time_it(parse: Callable[[bytes], ParsedDocument], data: bytes, *, runs: int = 3) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the sandboxed child), medians of `runs`. The CPU figure does not grow when
    other work shares the machine, the wall time does."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        parse(data)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return median(walls), median(cpus)
