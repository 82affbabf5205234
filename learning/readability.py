"""How easy a summary is to read: Flesch reading ease (from textstat) in plain words, and very long sentences.

The 2014 report behind the portal found that inaccessible language keeps learning from the frontline. Editors see
these figures when they save a review, and readers see them beside the summary.
"""

import functools
import re
from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest

# GOV.UK's style guide aims for sentences of no more than 25 words; past 35 most readers lose the thread.
LONG_SENTENCE_WORDS = 35

# (lowest score, difficulty, what it reads like). Flesch's own bands, compared with things people read.
BANDS: list[tuple[float, str, str]] = [
    (90, "very easy", "like a children's story"),
    (80, "easy", "like a conversation or a text message"),
    (70, "fairly easy", "like a popular magazine"),
    (60, "plain English", "like a tabloid newspaper"),
    (50, "fairly difficult", "like a broadsheet newspaper"),
    (30, "difficult", "like an academic paper"),
    (float("-inf"), "very difficult", "like a legal document"),
]

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]*\s+(?=[\"'‘“(]*[A-Z0-9])|\n\s*\n|\n(?=\s*[-•*]\s)")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’&-]*")


@dataclass(frozen=True)
class Readability:
    score: float  # Flesch reading ease, 0-100 for ordinary prose (can fall below 0 or rise above 100)
    difficulty: str  # "fairly difficult"
    comparison: str  # "like a broadsheet newspaper"
    words: int
    sentences: int
    long_sentences: tuple[str, ...] = ()

    @property
    def shown_score(self) -> int:
        """The score as people are shown it: a whole number from 0 to 100."""
        return max(0, min(100, round(self.score)))

    @property
    def words_per_sentence(self) -> float:
        return round(self.words / self.sentences, 1) if self.sentences else 0.0

    @property
    def in_words(self) -> str:
        """'Fairly difficult: like a broadsheet newspaper'."""
        return f"{self.difficulty[0].upper()}{self.difficulty[1:]}: {self.comparison}"


def describe_score(score: float) -> tuple[str, str]:
    """(difficulty, comparison) for a Flesch reading ease score."""
    for lowest, difficulty, comparison in BANDS:
        if score >= lowest:
            return difficulty, comparison
    raise AssertionError("the last band has no lower limit")  # pragma: no cover


def split_sentences(text: str) -> list[str]:
    """Sentences, roughly: ends of sentences, blank lines and list items. Good enough to find very long ones."""
    pieces = (" ".join(piece.split()) for piece in _SENTENCE_END.split(text))
    return [piece for piece in pieces if _WORD.search(piece)]


def count_words(sentence: str) -> int:
    return len(_WORD.findall(sentence))


def long_sentences(text: str, limit: int = LONG_SENTENCE_WORDS) -> list[str]:
    return [sentence for sentence in split_sentences(text) if count_words(sentence) > limit]


def measure(text: str) -> Readability | None:
    """Readability of `text`, or None when there is too little text to measure (fewer than 10 words)."""
    import textstat  # loads its pronunciation dictionary on first use (about a second), so only when needed

    sentences = split_sentences(text)
    words = sum(count_words(sentence) for sentence in sentences)
    if words < 10:
        return None
    # textstat counts sentences by full stops alone; feeding it one sentence per line keeps lists and headings
    # from merging into one endless sentence.
    prepared = "\n".join(sentence if sentence[-1] in ".!?" else f"{sentence}." for sentence in sentences)
    score = float(textstat.flesch_reading_ease(prepared))
    difficulty, comparison = describe_score(score)
    return Readability(
        score=score,
        difficulty=difficulty,
        comparison=comparison,
        words=words,
        sentences=len(sentences),
        long_sentences=tuple(s for s in sentences if count_words(s) > LONG_SENTENCE_WORDS),
    )


@functools.lru_cache(maxsize=4096)
def cached_measure(text: str) -> Readability | None:
    """measure(), remembered in this process: a page costs no query, and an unchanged summary is not recounted.

    The first measurement in a process loads textstat's pronunciation dictionary (about 1.5 seconds).
    """
    return measure(text)


def shorten(sentence: str, words: int = 12) -> str:
    parts = sentence.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def tell_editor(request: HttpRequest, text: str, *, label: str = "summary") -> None:
    """Admin messages after a save: the summary's reading ease, and a warning for each very long sentence."""
    result = cached_measure(text)
    if result is None:
        return
    messages.info(
        request,
        f"Reading ease of the {label}: {result.shown_score} out of 100 ({result.in_words}). "
        f"{result.words_per_sentence} words per sentence on average.",
    )
    if result.long_sentences:
        count = len(result.long_sentences)
        examples = "; ".join(f"“{shorten(sentence)}”" for sentence in result.long_sentences[:3])
        messages.warning(
            request,
            f"The {label} has {count} very long sentence{'s' if count != 1 else ''} (over {LONG_SENTENCE_WORDS} "
            f"words), which many readers find hard to follow. Consider splitting: {examples}",
        )


def tell_editor_about_review(request: HttpRequest, review) -> None:
    """After an editor saves a review: how readable its summary (and plain English summary) is."""
    tell_editor(request, review.summary, label="summary")
    if review.plain_summary:
        tell_editor(request, review.plain_summary, label="plain English summary")
