"""A theme's words: which findings and recommendations are about the theme, and its synonyms as people write them.

Until findings carry their own themes, a finding is about a theme when it uses the theme's name or one of its
synonyms: as whole words, in any form ("co-sleeping", "neglected"), by PostgreSQL's English stemming, the same
as the search. A review tagged Safe sleep may also have findings about escalation: those are not quoted.
"""

import operator
import re
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorExact

from reviews.spelling import spelling_key
from themes.models import Theme

# Framing that findings often start with; two findings that differ only by it say the same thing.
_FRAMING = re.compile(
    r"^(?:the review found that|the review found|there is learning because|agencies recognised that|"
    r"it was found that|the review identified that)\s+",
    re.IGNORECASE,
)


def theme_phrases(theme: Theme) -> list[str]:
    """The theme's name and synonyms, each once."""
    seen: dict[str, str] = {}
    for phrase in [theme.name, *theme.synonyms]:
        seen.setdefault(spelling_key(phrase), phrase)
    return list(seen.values())


def mentions_theme(theme: Theme, field: str = "text") -> SearchVectorExact:
    """An expression: True where the model's text `field` uses the theme's name or one of its synonyms."""
    query = reduce(
        operator.or_,
        (SearchQuery(phrase, search_type="phrase", config="english") for phrase in theme_phrases(theme)),
    )
    return SearchVectorExact(SearchVector(field, config="english"), query)


def sentence_key(text: str) -> str:
    """What a finding says, for spotting repeats: no framing, case, punctuation or spacing."""
    return " ".join(re.findall(r"\w+", _FRAMING.sub("", text.strip()).lower()))


def distinct(items: list, text=lambda item: item) -> list:
    """`items` without those whose text says the same as an earlier one."""
    seen: set[str] = set()
    kept = []
    for item in items:
        key = sentence_key(text(item))
        if key and key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


_SMALL_WORDS = {"a", "and", "for", "in", "of", "on", "the", "to"}


def _initials(phrase: str) -> str:
    """ "sudden unexpected death in infancy" -> "sudi": small words have no letter in an acronym."""
    return "".join(word[0] for word in re.findall(r"[^\W_]+", phrase.lower()) if word not in _SMALL_WORDS)


def _is_acronym(word: str, theme: Theme, acronyms: set[str]) -> bool:
    """In the glossary ("sids"), or the initials of the theme's name or of another synonym ("sudi")."""
    if not word.isalpha():
        return False
    if word.upper() in acronyms:
        return True
    phrases = [phrase for phrase in [theme.name, *theme.synonyms] if " " in phrase or "-" in phrase]
    return any(_initials(phrase) == word.lower() for phrase in phrases)


def readable_synonyms(theme: Theme, acronyms: set[str]) -> list[str]:
    """The theme's synonyms as names to read: spelling variants once, acronyms in capitals, the name left out.

    "co sleeping", "co-sleeping" and "cosleeping" become "co-sleeping" (the hyphenated spelling, else the one
    with spaces); "sids" becomes "SIDS". `acronyms`: the glossary's, in capitals.
    """
    groups: dict[str, list[str]] = {}
    for synonym in theme.synonyms:
        groups.setdefault(spelling_key(synonym), []).append(synonym.strip())
    name_key = spelling_key(theme.name)
    shown = []
    for key, spellings in groups.items():
        if key == name_key:
            continue
        best = max(spellings, key=lambda s: ("-" in s, " " in s, -len(s)))
        shown.append(best.upper() if _is_acronym(best, theme, acronyms) else best)
    return sorted(shown, key=str.lower)
