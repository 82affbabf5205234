"""Hold-out documents for measuring extraction (`manage.py evaluate_extraction`), each with the right answers.

Deliberately unlike the unit tests' documents (tests/documents.py): another PDF writer (Times fonts, words
spaced by TJ kerning or split into fragments, headers and footers drawn before the body, "- 3 -" and bare
page numbers, numbered headings), other wording, boards, names, list styles and headings, and a few headings
and labels the reader was not written for, so the figures are not flattering by construction.
"""

import io
import random
import textwrap
from dataclasses import dataclass, field

MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
]  # fmt: skip
BOARDS = [
    "Harbourside Safeguarding Children Partnership", "Vale of Ashdown Safeguarding Adults Board",
    "North Marsh Community Safety Partnership", "Cwm Derwen Regional Safeguarding Board",
    "Kingsbridge upon Avon Safeguarding Partnership", "Westmere and Dunholm Safeguarding Children Board",
    "Brackenfield Local Safeguarding Children Board", "East Tarrow Safeguarding Adults Board",
    "Glan Morfa Safeguarding Board", "Stoke Ferring Children's Safeguarding Partnership",
]  # fmt: skip
TYPES = {
    "SCR": ["Serious Case Review", "SERIOUS CASE REVIEW"],
    "CSPR": ["Local Child Safeguarding Practice Review", "Child Safeguarding Practice Review"],
    "National": ["National Review"],
    "SAR": ["Safeguarding Adults Review", "Safeguarding Adult Review"],
    "DHR": ["Domestic Homicide Review"],
    "CPR": ["Extended Child Practice Review", "Concise Child Practice Review"],
    "APR": ["Adult Practice Review"],
}
CHILD_NAMES = ["Child Q", "Baby R", "Child T", "Sam", "Jordan", "Child L and her siblings", "Baby M"]
ADULT_NAMES = ["Mr B", "Ms K", "Adult C", "Mrs J", "Peter", "Ms W"]
AGENCIES = [
    "the police", "children's social care", "the GP practice", "the health visiting service", "the school",
    "adult social care", "the mental health trust", "the housing provider", "the ambulance service",
]  # fmt: skip
ISSUES = ["information about risk", "the family's housing history", "concerns about neglect", "missed appointments",
          "the father's history of violence", "the injuries seen in hospital", "the mother's mental health",
          "alcohol misuse in the household", "the carers' own needs"]  # fmt: skip
FINDING_FORMS = [
    "{a} did not share {i} with {b}, so nobody saw the whole picture.",
    "Professionals focused on {i} and did not ask what it meant for the {who}; {a} assumed {b} was leading.",
    "Escalation procedures were not used when {a} disagreed with {b} about {i}.",
    "Records kept by {a} did not show {i}, and decisions were not reviewed by a manager.",
    "The voice of the {who} was not heard: {a} spoke mostly to the adults about {i}.",
]
RECOMMENDATION_FORMS = [
    "The partnership should seek assurance that {a} and {b} share {i} within one working day.",
    "{A} should review its guidance on {i} and train staff in using it by the end of the year.",
    "The board should audit how {a} records {i}, and report the results to the next meeting.",
    "{A} and {b} should agree a joint protocol for escalating disagreements about {i}.",
]
SUMMARY_FORMS = [
    "This review was commissioned after {s} died at home. {A} had been involved with the family for {n} years.",
    "The review looked at the period from {m1} to {m2} and at the work of {a}, {b} and others.",
    "During that time {a} knew about {i}, but this was not shared with {b}.",
    "The family took part in the review and their views are reflected in this report.",
    "The reviewers are grateful to the practitioners who gave their time and spoke openly about their work.",
]
OTHER_SECTIONS = [
    ("Introduction", "This report sets out how the review was carried out and what it found."),
    ("Methodology", "The review used a systems approach, with a practitioner event and case records."),
    ("Conclusion", "Many professionals worked hard for this family, but the system did not keep the {who} safe."),
    ("Appendix 1: Terms of reference", "The review considered the period agreed by the panel in its first meeting."),
]
FINDING_HEADINGS = ["Key findings", "Findings", "Lessons learned", "What the review found", "Learning",
                    "Learning for the partnership", "Areas of learning"]  # fmt: skip
RECOMMENDATION_HEADINGS = ["Recommendations", "Recommendations for the partnership", "Summary of recommendations",
                           "Recommendations to agencies", "The panel recommends"]  # fmt: skip
FINDING_MARKERS = ["Finding {n}:", "Learning point {n} –", "{n}.", "{n})", "({l})", "•", "▪", "-", "{r})"]
RECOMMENDATION_MARKERS = ["Recommendation {n}:", "R{n}.", "{n}.", "•", "({l})", "{n}.0"]
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"]


@dataclass
class Sample:
    name: str
    kind: str
    data: bytes = b""
    truth: dict = field(default_factory=dict)


def _marker(form: str, n: int) -> str:
    return form.format(n=n, l="abcdefgh"[n - 1], r=ROMAN[n - 1])


def _fill(form: str, rng: random.Random, who: str, subject: str) -> str:
    a, b = rng.sample(AGENCIES, 2)
    text = form.format(a=a, b=b, A=a[0].upper() + a[1:], i=rng.choice(ISSUES), who=who, s=subject,
                       n=rng.randint(2, 6), m1=rng.choice(MONTHS), m2=rng.choice(MONTHS))  # fmt: skip
    return text[0].upper() + text[1:]  # a sentence may start with an agency's name


def _age(rng: random.Random, adult: bool) -> tuple[str, str]:
    if adult:
        years = rng.randint(19, 88)
        return rng.choice([f"aged {years}", f"a {years}-year-old"]), "adult"
    choice = rng.randrange(4)
    if choice == 0:
        weeks = rng.randint(2, 40)
        return f"aged {weeks} weeks", "under-1"
    if choice == 1:
        months = rng.randint(13, 40)
        return f"aged {months} months", "1-4"
    years = rng.randint(1, 17)
    words = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
    word = words.split()[years - 1] if years <= 16 else str(years)
    band = next(b for limit, b in ((5, "1-4"), (11, "5-10"), (16, "11-15"), (18, "16-17")) if years < limit)
    return (f"{word} years old" if choice == 2 else f"a {years}-year-old"), band


def _date(rng: random.Random) -> tuple[str, str]:
    year, month, day = rng.randint(2012, 2025), rng.randint(1, 12), rng.randint(1, 28)
    name = MONTHS[month - 1]
    iso = f"{year}-{month:02d}-{day:02d}"
    forms = [
        (f"Published: {day} {name} {year}", iso),
        (f"Date of publication: {day}{'th' if day > 3 else ['st', 'nd', 'rd'][day - 1]} {name} {year}", iso),
        (f"{name} {year}", str(year)),
        (f"Published {day:02d}/{month:02d}/{year}", iso),
        (f"Final report - {name} {year}", str(year)),
    ]
    return rng.choice(forms)


def _document(rng: random.Random) -> tuple[dict, list[tuple[str, str]], list[tuple[str, str]]]:
    """The truth, the blocks (kind, text) after the cover, and the cover's lines (text, role)."""
    code = rng.choice(list(TYPES))
    adult = code in ("SAR", "DHR", "APR")
    subject = rng.choice(ADULT_NAMES if adult else CHILD_NAMES)
    who = "adult" if adult else "child"
    wording = rng.choice(TYPES[code])
    title = f"{wording}: {subject}" if code != "National" else f"National Review: {subject}"
    board = rng.choice(BOARDS)
    age_text, band = _age(rng, adult)
    date_text, published = _date(rng)
    opening = f"{subject} was {age_text} when the events considered by this review took place."
    if age_text.endswith("years old"):
        opening = f"{subject} was {age_text} when the events considered by this review took place."
    elif age_text.startswith("a "):
        opening = f"{subject}, {age_text}, was known to several agencies before the events considered here."
    if code == "National":
        opening += " This national review was commissioned by the Child Safeguarding Practice Review Panel."
    else:
        opening += f" {board} commissioned this {wording.lower()}."
    paragraphs = [opening] + [_fill(form, rng, who, subject) for form in rng.sample(SUMMARY_FORMS, rng.randint(2, 4))]
    findings = [
        " ".join(_fill(form, rng, who, subject) for form in rng.sample(FINDING_FORMS, rng.randint(1, 2)))
        for _ in range(rng.randint(3, 6))
    ]
    recommendations = [_fill(rng.choice(RECOMMENDATION_FORMS), rng, who, subject) for _ in range(rng.randint(2, 5))]
    numbered = rng.random() < 0.4
    heading = (lambda n, text: f"{n}. {text}") if numbered else (lambda n, text: text)
    blocks: list[tuple[str, str]] = []
    extras = rng.sample(OTHER_SECTIONS, 2)
    n = 1
    if rng.random() < 0.5:
        blocks += [("h1", heading(n, extras[0][0])), ("p", _fill(extras[0][1], rng, who, subject))]
        n += 1
    blocks.append(("h1", heading(n, rng.choice(["Executive Summary", "Executive summary", "Summary"]))))
    shown = list(paragraphs)
    if rng.random() < 0.3:  # paragraph numbers, as many reports have
        shown = [f"{n}.{i} {text}" for i, text in enumerate(shown, start=1)]
    blocks += [("p", text) for text in shown[:1]]
    if rng.random() < 0.3:  # a sub-heading inside the summary
        blocks.append(("h2", rng.choice(["Background", "The review process", "About the family"])))
    blocks += [("p", text) for text in shown[1:]]
    blocks.append(("h1", heading(n + 1, rng.choice(FINDING_HEADINGS))))
    if rng.random() < 0.5:
        blocks.append(("p", "The review identified the following learning:"))
    if rng.random() < 0.2:  # findings as plain paragraphs, without markers
        blocks += [("p", text) for text in findings]
    else:
        form = rng.choice(FINDING_MARKERS)
        blocks += [("li", f"{_marker(form, i)} {text}") for i, text in enumerate(findings, start=1)]
    blocks.append(("h1", heading(n + 2, rng.choice(RECOMMENDATION_HEADINGS))))
    form = rng.choice(RECOMMENDATION_MARKERS)
    blocks += [("rec", f"{_marker(form, i)} {text}") for i, text in enumerate(recommendations, start=1)]
    blocks += [("h1", heading(n + 3, extras[1][0])), ("p", _fill(extras[1][1], rng, who, subject))]
    if rng.random() < 0.2:  # the date given at the end, not on the cover
        year, month, day = rng.randint(2014, 2025), rng.randint(1, 12), rng.randint(1, 28)
        blocks.append(("p", f"This report was published on {day} {MONTHS[month - 1]} {year}."))
        date_text, published = "", f"{year}-{month:02d}-{day:02d}"
    tagline = [("Working together to keep people safe", "tagline")] if rng.random() < 0.3 else []
    title_lines = [(wording, "title"), (subject, "title")] if rng.random() < 0.5 else [(title, "title")]
    cover = [(board, "board"), *tagline, *title_lines, *([(date_text, "date")] if date_text else [])]
    truth = {
        "title": title, "review_type": code, "published": published, "board": board, "age_band": band,
        "summary": "\n\n".join(paragraphs), "findings": findings, "recommendations": recommendations,
    }  # fmt: skip
    return truth, blocks, cover


def _tj(text: str) -> str:
    escaped = [word.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for word in text.split(" ")]
    return "[" + " -278 ".join(f"({word})" for word in escaped) + "] TJ"


def _pdf(cover: list[tuple[str, str]], blocks: list[tuple[str, str]], rng: random.Random, board: str) -> bytes:
    fragments = rng.random() < 0.5
    hyphenate = rng.random() < 0.5
    footer = rng.choice(["- {n} -", "{n}", "Page {n}", ""])
    header = rng.choice(["OFFICIAL", f"{board} | Review report", "Review report | Page {n}", ""])
    pages: list[list[tuple[str, int, float, bool]]] = []
    title_page = rng.random() < 0.7
    sizes = {"title": 20, "tagline": 9, "board": 12, "date": 12}
    cover_lines = [(line, sizes[role], 0, role == "title") for line, role in cover]
    if title_page:
        pages.append(cover_lines)
    current: list = [] if title_page else [(text, size - 2, 0, bold) for text, size, _, bold in cover_lines]
    for kind, text in blocks:
        size, bold = {"h1": (14, True), "h2": (11.5, True)}.get(kind, (10.5, False))
        lines = textwrap.wrap(text, 95, break_on_hyphens=False)
        if hyphenate and kind != "h1" and len(lines) > 1:
            head, tail = lines[0].rsplit(" ", 1)[0], lines[0].rsplit(" ", 1)[-1]
            if len(tail) > 7 and tail.isalpha():  # break the last word of the first line across two lines
                lines[0], lines[1] = f"{head} {tail[:4]}-", f"{tail[4:]} {lines[1]}"
        for number, line in enumerate(lines):
            current.append((line, size, 8 if number == 0 else 0, bold))
        if len(current) > 38:
            pages.append(current)
            current = []
    pages.append(current)
    if title_page and rng.random() < 0.4:  # a contents page after the cover, entries without dot leaders
        entries = [(text, 12, 4, False) for kind, text in blocks if kind == "h1"]
        contents = [("Contents", 14, 0, True)] + [(f"{text} {3 + i}", size, space, bold)
                                                   for i, (text, size, space, bold) in enumerate(entries)]  # fmt: skip
        pages.insert(1, contents)
    streams = []
    for page_number, lines in enumerate(pages, start=1):
        parts = []
        if not (title_page and page_number == 1):  # furniture first, as many writers do
            if header:
                parts.append(f"BT /F1 8 Tf 1 0 0 1 60 815 Tm {_tj(header.format(n=page_number))} ET")
            if footer:
                parts.append(f"BT /F1 8 Tf 1 0 0 1 290 25 Tm {_tj(footer.format(n=page_number))} ET")
        y = 780 if not (title_page and page_number == 1) else 600
        for text, size, space, bold in lines:
            y -= space + size * 1.35 + (10 if title_page and page_number == 1 else 0)
            font = "F2" if bold else "F1"
            if fragments and " " in text:
                left, right = text.split(" ", 1)
                show = f"{_tj(left + ' ')} {len(left) * size * 0.5:.1f} 0 Td {_tj(right)}"
            else:
                show = _tj(text)
            parts.append(f"BT /{font} {size} Tf 60 {y:.1f} Td {show} ET")
        streams.append(" ".join(parts).encode("cp1252", "replace"))
    return _write_pdf(streams)


def _write_pdf(streams: list[bytes]) -> bytes:
    count = len(streams)
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Count {count} /Kids [{' '.join(f'{5 + 2 * i} 0 R' for i in range(count))}] >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Bold /Encoding /WinAnsiEncoding >>",
    ]
    for i, stream in enumerate(streams):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {6 + 2 * i} 0 R "
            "/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = io.BytesIO(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    out.seek(0, 2)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _docx(cover: list[tuple[str, str]], blocks: list[tuple[str, str]], rng: random.Random, title: str) -> bytes:
    import docx

    styled = rng.random() < 0.5  # real heading styles, or bold paragraphs used as headings
    lists = rng.random() < 0.5  # Word list paragraphs (markers made by Word), or markers typed in the text
    document = docx.Document()
    for line, role in cover:
        if styled and role == "title":
            if line == cover[[r for _, r in cover].index("title")][0]:
                document.add_heading(title, level=0)  # the whole title once, in the Title style
        else:
            document.add_paragraph(line)
    table = rng.random() < 0.3  # recommendations in a table: number, recommendation, lead agency
    rows: list[list[str]] = []
    for kind, text in blocks:
        if kind == "rec" and table:
            rows.append([str(len(rows) + 1), text.split(" ", 1)[1], rng.choice(AGENCIES).capitalize()])
            continue
        if rows:
            grid = document.add_table(rows=len(rows) + 1, cols=3)
            for r, row in enumerate([["No.", "Recommendation", "Lead agency"], *rows]):
                for c, value in enumerate(row):
                    grid.cell(r, c).text = value
            rows = []
        if kind in ("h1", "h2"):
            if styled:
                document.add_heading(text, level=int(kind[1]))
            else:
                document.add_paragraph().add_run(text).bold = True
        elif kind in ("li", "rec") and lists:
            document.add_paragraph(text.split(" ", 1)[1], style="List Number" if rng.random() < 0.5 else "List Bullet")
        else:
            document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def samples(*, seed: int = 2027, count: int = 40) -> list[Sample]:
    rng = random.Random(seed)
    made = []
    for number in range(count):
        truth, blocks, cover = _document(rng)
        kind = "docx" if number % 3 == 2 else "pdf"
        data = _pdf(cover, blocks, rng, truth["board"]) if kind == "pdf" else _docx(cover, blocks, rng, truth["title"])
        made.append(Sample(name=f"holdout-{number:02d}.{kind}", kind=kind, data=data, truth=truth))
    return made
