"""A search result's snippet: whole words, whole sentences where they are short, "…" wherever text was left out.

PostgreSQL's ts_headline picks the fragments around the matched words, but starts and ends them at any word
("long period and neglect was not recognised. More text here about") and does not say where it cut. Each
fragment is found again in the summary and widened to the start and end of its sentence when that is only a few
words away, otherwise to the nearest whole word; "…" stands wherever the summary goes on.
"""

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

ELLIPSIS = "…"
# Private-use characters mark the matched words in ts_headline's output (reviews.search removes them from the
# summary first), so after escaping they can only be the marks, and are swapped for <mark> tags.
START_MARK, STOP_MARK = "\ue000", "\ue001"
# How far a fragment is widened to reach its sentence's start or end, in words.
SENTENCE_REACH = 6
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_WORD_CHAR = re.compile(r"[\w'’-]")


def plain_snippet(summary: str, words: int) -> SafeString:
    """The summary's first sentences up to `words` words (cut at a word, with "…", if the first is longer)."""
    text = " ".join(summary.split())
    kept, count = [], 0
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        size = len(sentence.split())
        if count + size > words:
            break
        kept.append(sentence)
        count += size
    if not kept:
        return escape(Truncator(text).words(words, truncate=f" {ELLIPSIS}"))
    shown = " ".join(kept)
    return escape(shown if len(shown) == len(text) else f"{shown} {ELLIPSIS}")


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding `pos` starts, if within SENTENCE_REACH words; otherwise the word's start."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, pos)]
    start = ends[-1] if ends else 0
    while start < pos and text[start].isspace():
        start += 1
    if len(text[start:pos].split()) <= SENTENCE_REACH:
        return start
    while pos > 0 and _WORD_CHAR.match(text[pos - 1]):
        pos -= 1
    return pos


def _sentence_end(text: str, pos: int) -> int:
    """Where the sentence holding `pos` ends, if within SENTENCE_REACH words; otherwise the word's end."""
    if _SENTENCE_END.match(text, pos - 1):
        return pos  # the fragment ends its sentence
    match = _SENTENCE_END.search(text, pos)
    if match and len(text[pos : match.end()].split()) <= SENTENCE_REACH:
        return match.end()
    while pos < len(text) and _WORD_CHAR.match(text[pos]):
        pos += 1
    return pos


@dataclass
class _Span:
    start: int  # where the shown text starts (widened)
    stop: int  # where it stops (widened)
    pos: int  # where ts_headline's fragment starts
    fragment: str  # the fragment, with its marks

    @property
    def end(self) -> int:
        return self.pos + len(_plain(self.fragment))


def highlighted_snippet(summary: str, headline: str, delimiter: str) -> SafeString:
    """ts_headline's `headline` of `summary` (marks around matched words) as HTML, widened and with "…" marks.

    Falls back to the headline as it is if a fragment cannot be found in the summary.
    """
    text = _plain(summary)
    spans: list[_Span] = []
    cursor = 0
    for fragment in headline.split(delimiter):
        plain = _plain(fragment)
        pos = text.find(plain, cursor)
        if not plain.strip() or pos < 0:
            return mark_safe(_marked(headline))  # noqa: S308 - escaped
        cursor = pos + len(plain)
        span = _Span(_sentence_start(text, pos), _sentence_end(text, cursor), pos, fragment)
        if spans and span.start <= spans[-1].stop:  # widened into the one before: run on from it
            previous = spans[-1]
            previous.fragment += text[previous.end : pos] + fragment
            previous.stop = max(previous.stop, span.stop)
        else:
            spans.append(span)
    parts = [
        str(escape(text[span.start : span.pos])) + _marked(span.fragment) + str(escape(text[span.end : span.stop]))
        for span in spans
    ]
    html = f" {ELLIPSIS} ".join(parts)
    if spans[0].start > 0:
        html = f"{ELLIPSIS} {html}"
    if spans[-1].stop < len(text.rstrip()):
        html = f"{html} {ELLIPSIS}"
    return mark_safe(" ".join(html.split()))  # noqa: S308 - every piece was escaped


def _plain(fragment: str) -> str:
    return fragment.replace(START_MARK, "").replace(STOP_MARK, "")


def _marked(fragment: str) -> str:
    return str(escape(fragment)).replace(START_MARK, "<mark>").replace(STOP_MARK, "</mark>")
