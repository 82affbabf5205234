"""The facts a review states about itself: its type, board or partnership, publication date and the age of
the person it is about. Each finder takes plain text and returns "" when the text does not say."""

import re
from collections import Counter
from datetime import date

_TYPES: list[tuple[str, re.Pattern]] = [
    (
        "National",
        re.compile(
            r"national (?:child safeguarding practice )?review|national panel review|"
            r"(?:review|report) (?:commissioned |published )?by the (?:national )?"
            r"child safeguarding practice review panel",
            re.I,
        ),
    ),
    ("DHR", re.compile(r"domestic (?:homicide|abuse related death) review", re.I)),
    ("APR", re.compile(r"adult practice review", re.I)),
    ("CPR", re.compile(r"child practice review", re.I)),
    ("SAR", re.compile(r"safeguarding adults?'? reviews?|\bSAR\b", re.I)),
    ("CSPR", re.compile(r"(?:local )?child safeguarding practice review(?! panel)|\bLCSPR\b|\bCSPR\b", re.I)),
    ("SCR", re.compile(r"serious case review|\bSCR\b", re.I)),
]


def only_review_type(text: str) -> bool:
    """Whether a line names a type of review and nothing else ("Serious Case Review", "Overview Report")."""
    rest = text
    for _, pattern in _TYPES:
        rest = pattern.sub(" ", rest)
    if rest == text:
        return False
    return not re.sub(
        r"\b(?:overview|final|report|the|a|an|concise|extended|local|and)\b|[\W\d_]", "", rest, flags=re.I
    )


def review_type(title: str, opening: str, text: str) -> str:
    """The type named in the title, else the first named near the start, else the one named most often."""
    for scope in (title, opening):
        first: tuple[int, str] | None = None
        for code, pattern in _TYPES:
            match = pattern.search(scope)
            if match and (first is None or match.start() < first[0]):
                first = (match.start(), code)
        if first:
            return first[1]
    counts = Counter({code: len(pattern.findall(text)) for code, pattern in _TYPES})
    code, n = counts.most_common(1)[0]
    return code if n else ""


_BOARD = re.compile(
    r"\b(?:Local[ \t]+|Regional[ \t]+)?(?:Safeguarding[ \t]+Children(?:'s|’s)?[ \t]+(?:Board|Partnership)"
    r"|Children(?:'s|’s)?[ \t]+Safeguarding[ \t]+(?:Board|Partnership)|Safeguarding[ \t]+Adults?[ \t]+"
    r"(?:Partnership[ \t]+Board|Board|Partnership)|Safeguarding[ \t]+(?:Children[ \t]+and[ \t]+Adults[ \t]+)?"
    r"(?:Board|Partnership)|Community[ \t]+Safety[ \t]+(?:Partnership|Board)|Safer[ \t]+Communities[ \t]+"
    r"Partnership|Domestic[ \t]+Abuse[ \t]+Partnership(?:[ \t]+Board)?)\b"
)
_JOINING = {"and", "of", "upon", "on", "&", "in", "the", "le"}
_NOT_A_PLACE = {
    "the",
    "this",
    "a",
    "an",
    "each",
    "every",
    "all",
    "our",
    "their",
    "national",
    "statutory",
    "by",
    "for",
    "to",
    "from",
    "with",
    "commissioned",
    "published",
    "report",
    "review",
    "serious",
    "case",
    "child",
    "children",
    "adult",
    "adults",
    "safeguarding",
    "practice",
    "domestic",
    "homicide",
    "its",
    "was",
    "is",
    "were",
    "when",
    "where",
    "which",
    "that",
    "between",
    "under",
    "about",
    "following",
    "after",
    "before",
    "during",
    "as",
    "at",
    "local",
    "new",
    "independent",
    "chair",
    "members",
    "member",
    "partners",
    "partner",
    "executive",
    "summary",
}


def _place_before(text: str, end: int) -> list[str]:
    """The capitalised words naming the place just before a board's title, on the same line."""
    words = text[max(0, end - 120) : end].split("\n")[-1].split()
    place: list[str] = []
    for word in reversed(words):
        bare = word.strip("\"“”‘'(")
        if bare != word.rstrip() or re.search(r"[,;:.)]$", bare):
            break  # punctuation: the name started after it
        lower = bare.lower()
        if (
            place
            and lower in _JOINING
            or (
                bare[:1].isupper()
                and len(bare) > 1
                and lower not in _NOT_A_PLACE
                and not re.fullmatch(r"[A-Z]{1,3}", bare)
            )
        ):
            place.insert(0, bare)
        else:
            break
        if len(place) >= 7:
            break
    while place and place[0].lower() in _JOINING:
        place.pop(0)
    return place


def board(text: str) -> str:
    """A board or partnership's name as written: the one named most often, the earliest on a tie."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for match in _BOARD.finditer(text):
        place = _place_before(text, match.start())
        if not place:
            continue  # "the Safeguarding Adults Board": no place named
        name = " ".join([*place, re.sub(r"\s+", " ", match.group(0))])
        counts[name] += 1
        first_seen.setdefault(name, match.start())
    if not counts:
        return ""
    return max(counts, key=lambda name: (counts[name], -first_seen[name]))


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE = re.compile(
    r"\b(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MONTH
    + r",?\s+"
    + _YEAR
    + r"|"
    + _MONTH.replace("month", "month2")
    + r"\s+(?P<day2>\d{1,2})(?:st|nd|rd|th)?,?\s+"
    + _YEAR.replace("year", "year2")
    + r"|"
    + _MONTH.replace("month", "month3")
    + r",?\s+"
    + _YEAR.replace("year", "year3")
    + r"|(?P<dd>\d{1,2})[/.](?P<mm>\d{1,2})[/.](?P<yyyy>(?:19|20)\d\d)"
    # A year after a slash is a reference number's ("Extended Child Practice Review NWSB 2/2020"), not a date.
    + r"|(?<!/)"
    + _YEAR.replace("year", "year4")
    + r")\b",
    re.I,
)
_PUBLISHED = re.compile(
    r"(?:published|publication(?:\s+date)?|date\s+of\s+(?:publication|report|issue)|report\s+date|final\s+"
    r"(?:report|version)|date\s+published|date)\s*(?:on|in)?\s*[:\-–]?\s*",
    re.I,
)


def _as_date(match: re.Match) -> tuple[str, int]:
    """('YYYY-MM-DD' or 'YYYY', precision) for a date match; precision 3 day, 2 month, 1 year, 0 invalid."""
    groups = match.groupdict()
    year = groups["year"] or groups["year2"] or groups["year3"] or groups["yyyy"] or groups["year4"]
    if not year or not 1990 <= int(year) <= date.today().year + 1:
        return "", 0
    month_name = groups["month"] or groups["month2"] or groups["month3"]
    month = _MONTHS[month_name.lower().rstrip(".")] if month_name else int(groups["mm"] or 0)
    day = int(groups["day"] or groups["day2"] or groups["dd"] or 0)
    if day and month:
        try:
            return date(int(year), month, day).isoformat(), 3
        except ValueError:
            return "", 0
    return year, 2 if month else 1


# In the body of a report only an explicit label counts: "published in 2018" is as likely to be about guidance
# (Working Together to Safeguard Children, 2018) as about the report.
_LABEL_IN_TEXT = re.compile(
    r"(?:date\s+of\s+publication|publication\s+date|date\s+published|published)\s*:\s*"
    r"|this\s+(?:report|review)\s+(?:was|is)\s+(?:first\s+)?published\s+(?:on\s+|in\s+)?",
    re.I,
)


def published(cover: str, text: str) -> str:
    """A labelled date on the cover ("Published: 14 March 2019", "Final report June 2020"), else one labelled
    explicitly in the text, else the most precise date on the cover. A month and year give the year."""
    for scope, pattern in ((cover, _PUBLISHED), (text, _LABEL_IN_TEXT)):
        for label in pattern.finditer(scope):
            match = _DATE.match(scope, label.end())
            if match:
                value, precision = _as_date(match)
                if precision:
                    return value
    best = ("", 0)
    for match in _DATE.finditer(cover):
        value, precision = _as_date(match)
        if precision > best[1]:
            best = (value, precision)
    return best[0]


_NUMBER_WORDS = {
    word: number
    for number, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]  # fmt: skip
    )
}
_N = r"(?P<n>\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_UNIT = r"(?P<unit>year|month|week|day)s?"
_AGE = re.compile(
    r"\baged\s+(?:just\s+|only\s+|about\s+|around\s+)?" + _N + r"(?:\s+" + _UNIT + r")?"
    r"|\b" + _N.replace("?P<n>", "?P<n2>") + r"[\s-]+" + _UNIT.replace("?P<unit>", "?P<unit2>") + r"[\s-]+old\b"
    r"|\bat the age of\s+" + _N.replace("?P<n>", "?P<n3>") + r"(?:\s+" + _UNIT.replace("?P<unit>", "?P<unit3>") + r")?"
    r"|\b(?:was|is|were)\s+"
    + _N.replace("?P<n>", "?P<n4>")
    + r"\s+"
    + _UNIT.replace("?P<unit>", "?P<unit4>")
    + r"\s+(?:of age|old)\b"
    r"|\bage[d]?\s*[:\-]\s*"
    + _N.replace("?P<n>", "?P<n5>")
    + r"|\b"
    + _N.replace("?P<n>", "?P<n6>")
    + r"\s+"
    + _UNIT.replace("?P<unit>", "?P<unit6>")
    + r"\s+of\s+age\b"
    # "Child P was seven when she told ...": an age with no unit, said of the time of the events.
    r"|\b(?:was|were)\s+" + _N.replace("?P<n>", "?P<n7>") + r"\s+(?:when|at the time)\b",
    re.I,
)
_BABY = re.compile(r"\b(?:baby|infant|new-?born|neonate)\b", re.I)
_ADULT_TYPES = {"SAR", "DHR", "APR"}


def _band(years: float) -> str:
    for limit, band in ((1, "under-1"), (5, "1-4"), (11, "5-10"), (16, "11-15"), (18, "16-17")):
        if years < limit:
            return band
    return "adult"


def age_band(text: str, *, review_type: str = "") -> str:
    """The age band of the first age the text states; babies are under 1; adult review types are adults."""
    for match in _AGE.finditer(text):
        groups = {key: value for key, value in match.groupdict().items() if value}
        raw = next(value for key, value in groups.items() if key.startswith("n"))
        number = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw.lower()]
        unit = next((value.lower() for key, value in groups.items() if key.startswith("unit")), "year")
        years = number / {"year": 1, "month": 12, "week": 52, "day": 365}[unit]
        if unit == "year" and number > 110:
            continue
        return _band(years)
    if review_type in _ADULT_TYPES:
        return "adult"
    if _BABY.search(text[:5000]):
        return "under-1"
    if re.search(r"\btoddler\b", text[:5000], re.I):
        return "1-4"
    return ""
