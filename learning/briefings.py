"""Seven-minute briefings: one page of learning for a team meeting, for a theme or for one review.

A briefing is built once from the data (`theme_briefing`, `review_briefing`) and then drawn twice: as a printable
web page (templates/learning/briefing.html) and as a Word document (briefing_documents.py). Nothing is typed twice.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from reviews.models import Recommendation, Review
from themes.models import Theme

from .glossary import Glossary, current_glossary
from .theme_pages import recent_reviews_with_findings, theme_frequency, theme_learning_for, theme_learnings_for
from .theme_words import distinct, mentions_theme, sentence_key

# Enough for one side of A4 at a readable size.
SUMMARY_WORDS = 170
MAX_FINDINGS = 5
MAX_ACTIONS = 6
MAX_QUESTIONS = 5

# Used when editors have not yet written questions for a theme: open, about the team's own practice, not blame.
GENERAL_QUESTIONS = [
    "Where could this happen in our own work, and what would help us notice sooner?",
    "What gets in the way of doing this well here, and what would help?",
    "Who in other agencies do we need to talk to about this, and how will we do it?",
    "What will we do differently from tomorrow because of this learning?",
]

LEARNING_NOT_BLAME = (
    "Reviews look at how the whole system worked (agencies, policies, resources and pressures), "
    "not at blaming individuals. Use this briefing to reflect as a team."
)


@dataclass
class Item:
    text: str
    source: str = ""  # where the text comes from: a review's title, or the agency a recommendation is for
    url: str = ""


@dataclass
class Briefing:
    kind: str  # "theme" or "review"
    subject: str
    caption: str
    first_heading: str
    first: list[str]  # what happened / what the reviews found, as paragraphs
    findings_heading: str
    findings: list[Item]
    why_it_matters: list[str]
    what_to_do: list[Item]
    questions: list[str]
    sources: list[Item]
    page_path: str
    download_path: str
    lead: str = ""  # what the subject is, in one line (a theme's description), under the title
    made_on: datetime.date = field(default_factory=timezone.localdate)
    acronyms: list[tuple[str, str]] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"Seven-minute briefing: {self.subject}"

    @property
    def file_name(self) -> str:
        return f"seven-minute-briefing-{self.page_path.strip('/').split('/')[-1]}.docx"

    def texts(self) -> list[str]:
        return [
            *self.first,
            *(item.text for item in self.findings),
            *self.why_it_matters,
            *(item.text for item in self.what_to_do),
            *self.questions,
        ]


def shorten_to_words(text: str, limit: int = SUMMARY_WORDS) -> list[str]:
    """The text's paragraphs, cut at the end of the sentence that passes `limit` words, marked with an ellipsis."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    kept: list[str] = []
    words = 0
    for paragraph in paragraphs:
        count = len(paragraph.split())
        if words + count <= limit:
            kept.append(paragraph)
            words += count
            continue
        sentences = re.split(r"(?<=[.!?])\s+", paragraph)
        part: list[str] = []
        for sentence in sentences:
            part.append(sentence)
            words += len(sentence.split())
            if words >= limit:
                break
        text_part = " ".join(part)
        if len(part) < len(sentences):
            text_part += " …"
        kept.append(text_part)
        break
    return kept


def acronyms_in(texts: list[str], glossary: Glossary) -> list[tuple[str, str]]:
    """(acronym, expansion) for each glossary acronym used in `texts`, in order of first use."""
    if glossary.pattern is None:
        return []
    found: dict[str, str] = {}
    for text in texts:
        for match in glossary.pattern.finditer(text):
            found.setdefault(match.group(1), glossary.expansions[match.group(1)])
    return list(found.items())


def theme_briefing(theme: Theme) -> Briefing:
    """The briefing for a theme: its frequency, recent findings, good practice and the editors' questions."""
    learning = theme_learning_for(theme)
    frequency = theme_frequency(theme)
    reviews = recent_reviews_with_findings(theme, limit=MAX_FINDINGS)

    first = [frequency.summary_sentence.replace("this theme", theme.name.lower())]
    if frequency.trend_sentence:
        first.append(frequency.trend_sentence)
    findings = [Item(review.theme_finding.text, review.title, review.get_absolute_url()) for review in reviews]

    # Not the theme's one-line description: the briefing says it already, and "why" should add to it.
    why = [text for text in (learning.meaning, learning.why_it_matters) if text] if learning else []
    why = [text for text in distinct(why) if sentence_key(text) != sentence_key(theme.description)]

    what_to_do = [Item(point.text) for point in learning.good_practice.all()] if learning else []
    if not what_to_do:
        # No good practice written yet: the recent reviews' own recommendations say what to do.
        # Only those about the theme, each said once.
        recommendations = (
            Recommendation.objects.filter(review__in=[r.pk for r in reviews])
            .alias(on_theme=mentions_theme(theme))
            .filter(on_theme=True)
            .select_related("review", "agency")
            .order_by("-review__published_on", "review_id", "position")
        )
        recommendations = distinct(list(recommendations[: MAX_ACTIONS * 3]), text=lambda r: r.text)
        what_to_do = [Item(r.text, r.review.title, r.review.get_absolute_url()) for r in recommendations[:MAX_ACTIONS]]
    questions = [q.text for q in learning.questions.all()] if learning else []

    briefing = Briefing(
        kind="theme",
        subject=theme.name,
        caption="Seven-minute briefing on a theme",
        lead=theme.description,
        first_heading="How often reviews find this",
        first=first,
        findings_heading="What recent reviews found",
        findings=findings,
        why_it_matters=why,
        what_to_do=what_to_do[:MAX_ACTIONS],
        questions=(questions or GENERAL_QUESTIONS)[:MAX_QUESTIONS],
        sources=[Item(f"All reviews on {theme.name.lower()}", url=theme.get_absolute_url())]
        + [Item(review.title, url=review.get_absolute_url()) for review in reviews],
        page_path=reverse("learning:theme-briefing", args=[theme.slug]),
        download_path=reverse("learning:theme-briefing-download", args=[theme.slug]),
    )
    briefing.acronyms = acronyms_in(briefing.texts(), current_glossary())
    return briefing


def review_briefing(review: Review) -> Briefing:
    """The briefing for one review: its plain (or executive) summary, findings, recommendations and questions.

    `review` should come from Review.objects.for_detail() so that its findings, recommendations and themes are
    already fetched; the themes' learning content costs three more queries.
    """
    themes = list(review.themes.all())
    learnings = theme_learnings_for(themes)
    recommendations = list(review.recommendations.all())

    why = []
    for theme in themes[:3]:
        learning = next((item for item in learnings if item.theme_id == theme.pk), None)
        reason = (learning.why_it_matters if learning else "") or theme.description
        if reason:
            why.append(f"{theme.name}: {reason}")

    what_to_do = [
        Item(r.text, f"for {r.agency.name.lower()}" if r.agency else "") for r in recommendations[:MAX_ACTIONS]
    ]
    for learning in learnings:
        for point in learning.good_practice.all():
            if len(what_to_do) < MAX_ACTIONS:
                what_to_do.append(Item(point.text, f"good practice in {learning.theme.name.lower()}"))
    questions = [q.text for learning in learnings for q in learning.questions.all()]

    briefing = Briefing(
        kind="review",
        subject=review.title,
        caption=f"Seven-minute briefing on a {review.get_review_type_display().lower()}",
        first_heading="What happened",
        first=shorten_to_words(review.plain_summary or review.summary),
        findings_heading="What the review found",
        findings=[Item(finding.text) for finding in list(review.findings.all())[:MAX_FINDINGS]],
        why_it_matters=why,
        what_to_do=what_to_do,
        questions=(questions or GENERAL_QUESTIONS)[:MAX_QUESTIONS],
        sources=[Item("The full review on this portal", url=review.get_absolute_url())]
        + [Item(f"Learning on {theme.name.lower()}", url=theme.get_absolute_url()) for theme in themes[:3]],
        page_path=reverse("learning:review-briefing", args=[review.slug]),
        download_path=reverse("learning:review-briefing-download", args=[review.slug]),
    )
    briefing.acronyms = acronyms_in(briefing.texts(), current_glossary())
    return briefing
