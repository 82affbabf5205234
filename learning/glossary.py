"""Explaining acronyms where they are first used: MASH becomes <abbr title="Multi-Agency Safeguarding Hub">MASH</abbr>.

The mark-up works on HTML that is already safe (escaped text, or a search snippet with <mark> highlighting) and only
ever touches the text between tags: it unescapes a run of text, finds the acronyms, and escapes every piece again.
So escaping survives, highlighting survives, and nothing a review says can become markup.
"""

import html
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.signals import request_started
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe

_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"^<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)")
# Text inside these is left alone: a second <abbr> inside one, or mark-up inside a link's text, helps nobody.
_SKIP_INSIDE = {"abbr", "a", "code", "script", "style", "title", "textarea"}


@dataclass(frozen=True)
class Glossary:
    """Acronyms to explain, and one compiled pattern that finds any of them (longest first: CPP before CP)."""

    expansions: dict[str, str]
    pattern: re.Pattern | None

    @classmethod
    def from_terms(cls, terms: Iterable[tuple[str, str]]) -> "Glossary":
        expansions = {term.strip(): expansion.strip() for term, expansion in terms if term.strip()}
        if not expansions:
            return cls(expansions={}, pattern=None)
        alternatives = "|".join(re.escape(term) for term in sorted(expansions, key=len, reverse=True))
        # Whole words only, and a plain plural ("LSCBs") counts as a use of the acronym.
        pattern = re.compile(rf"(?<![\w&/])({alternatives})(?:s|'s|’s)?(?![\w&/])")
        return cls(expansions=expansions, pattern=pattern)


def mark_up_acronyms(value, glossary: Glossary, seen: set[str] | None = None) -> SafeString:
    """`value` with the first use of each glossary acronym wrapped in <abbr title="expansion">.

    `value` that is not marked safe is escaped first; safe HTML (e.g. a snippet with <mark>) is kept as it is
    outside its text. `seen` carries the acronyms already explained, to explain each once across several texts.
    """
    html_in = str(conditional_escape(value))
    if glossary.pattern is None:
        return mark_safe(html_in)  # noqa: S308  (already escaped above)
    seen = set() if seen is None else seen
    skipping: list[str] = []
    out: list[str] = []
    for piece in _TAG_OR_TEXT.split(html_in):
        if not piece:
            continue
        if piece.startswith("<"):
            _track_skipping(piece, skipping)
            out.append(piece)
        elif skipping:
            out.append(piece)
        else:
            out.append(_mark_up_text(piece, glossary, seen))
    return mark_safe("".join(out))  # noqa: S308  (tags passed through unchanged, all text re-escaped)


def _track_skipping(tag: str, skipping: list[str]) -> None:
    match = _TAG_NAME.match(tag)
    if not match or tag.endswith("/>"):
        return
    closing, name = match.group(1), match.group(2).lower()
    if name not in _SKIP_INSIDE:
        return
    if not closing:
        skipping.append(name)
    elif name in skipping:
        # Close the innermost open element of that name (and anything left open inside it).
        del skipping[len(skipping) - 1 - skipping[::-1].index(name) :]


def _mark_up_text(escaped_text: str, glossary: Glossary, seen: set[str]) -> str:
    text = html.unescape(escaped_text)
    out: list[str] = []
    position = 0
    for match in glossary.pattern.finditer(text):
        term = match.group(1)
        if term in seen:
            continue
        seen.add(term)
        out.append(escape(text[position : match.start()]))
        out.append(f'<abbr title="{escape(glossary.expansions[term])}">{escape(match.group(0))}</abbr>')
        position = match.end()
    if position == 0:
        return escaped_text  # nothing found: keep the text exactly as it came
    out.append(escape(text[position:]))
    return "".join(out)


# -----------------------------------------------------------------------------------------------------------------
# The current glossary: read from the database at most once per request, so a page with a summary and twenty
# findings costs one query, and an edit in the admin shows on the next request in every worker.

_local = threading.local()


def current_glossary() -> Glossary:
    glossary = getattr(_local, "glossary", None)
    if glossary is None:
        from .models import GlossaryTerm

        terms = GlossaryTerm.objects.filter(kind=GlossaryTerm.Kind.ACRONYM, mark_up=True).values_list(
            "term", "expansion"
        )
        glossary = _local.glossary = Glossary.from_terms(terms)
    return glossary


def forget_glossary(**kwargs) -> None:
    _local.glossary = None


request_started.connect(forget_glossary, dispatch_uid="learning.glossary.forget_on_request")
