"""Reading audits: a board's results, change since its last audit of a theme, and the anonymised national view."""

from dataclasses import dataclass

from django.db.models import Count, Q

from themes.models import Theme

from .models import Audit, AuditAnswer, AuditVersionQuestion

# Figures resting on fewer boards than this are not shown nationally, so no board can be picked out.
SMALL_NUMBER = 5

Answer = AuditAnswer.Answer
# For "better or worse": not applicable answers are not compared.
SCORES = {Answer.MET: 2, Answer.PARTLY_MET: 1, Answer.NOT_MET: 0}


@dataclass
class AnswerCounts:
    unanswered: int = 0
    met: int = 0
    partly_met: int = 0
    not_met: int = 0
    not_applicable: int = 0

    @property
    def total(self) -> int:
        return self.unanswered + self.answered

    @property
    def answered(self) -> int:
        return self.met + self.partly_met + self.not_met + self.not_applicable


def answer_counts(audit: Audit) -> AnswerCounts:
    """How many questions got each answer; uses prefetched answers when there are some (one query otherwise)."""
    counts = AnswerCounts()
    for row in audit.answers.all():
        name = row.answer.replace("-", "_") or "unanswered"
        setattr(counts, name, getattr(counts, name) + 1)
    return counts


def _answers_in_order(audit: Audit) -> list[AuditAnswer]:
    """The audit's answers with their questions, in question order; prefetched ones if there are (see views)."""
    if "answers" in getattr(audit, "_prefetched_objects_cache", {}):
        rows = list(audit.answers.all())
    else:
        rows = list(audit.answers.select_related("question"))
    return sorted(rows, key=lambda row: (row.question.position, row.question_id))


@dataclass
class QuestionChange:
    text: str
    before: str  # answer label, or "" when the question was not asked last time or not answered
    after: str
    change: str  # "better", "worse", "same", "new question", "not compared"


@dataclass
class Comparison:
    previous: Audit
    questions: list[QuestionChange]
    dropped: list[str]  # questions asked last time that this audit's version no longer asks

    def count(self, change: str) -> int:
        return sum(1 for q in self.questions if q.change == change)

    @property
    def better(self) -> int:
        return self.count("better")

    @property
    def worse(self) -> int:
        return self.count("worse")

    @property
    def same(self) -> int:
        return self.count("same")


_UNSET = object()


def compare_with_previous(audit: Audit, *, previous=_UNSET) -> Comparison | None:
    """Each question's answer now against the board's last completed audit of the same theme (matched by the
    question's key, so a reworded question still compares). None for a first audit. Two queries, plus one
    if `audit`'s answers are not prefetched."""
    if previous is _UNSET:
        previous = audit.previous_completed()
    if previous is None:
        return None
    before = {a.question.key: a for a in _answers_in_order(previous)}
    seen = set()
    questions = []
    for now in _answers_in_order(audit):
        key = now.question.key
        seen.add(key)
        was = before.get(key)
        if was is None:
            change = "new question"
        elif now.answer in SCORES and was.answer in SCORES:
            delta = SCORES[now.answer] - SCORES[was.answer]
            change = "better" if delta > 0 else "worse" if delta < 0 else "same"
        else:
            change = "not compared"
        questions.append(
            QuestionChange(
                text=now.question.text,
                before=was.get_answer_display() if was else "",
                after=now.get_answer_display(),
                change=change,
            )
        )
    dropped = [a.question.text for key, a in before.items() if key not in seen]
    return Comparison(previous=previous, questions=questions, dropped=dropped)


@dataclass
class QuestionFigures:
    theme: Theme
    text: str
    position: int
    boards: int  # boards whose latest completed audit answered it other than "not applicable"
    met: int
    partly_met: int
    not_met: int

    @property
    def suppressed(self) -> bool:
        return self.boards < SMALL_NUMBER

    @property
    def not_met_share(self) -> float:
        return self.not_met / self.boards if self.boards else 0.0


@dataclass
class ThemeFigures:
    theme: Theme
    boards: int  # boards with a completed audit of the theme
    questions: list[QuestionFigures]

    @property
    def suppressed(self) -> bool:
        return self.boards < SMALL_NUMBER


def national_audit_figures() -> list[ThemeFigures]:
    """Per theme and question, how many boards' latest completed audits found it met, partly met or not met.

    Anonymised: no board is named, each board counts once per theme (its latest completed audit), and a theme or
    question resting on fewer than SMALL_NUMBER boards is marked suppressed; callers must not show its figures
    (the figures are still zeroed here, so a careless template cannot leak them). Three queries.
    """
    latest = Audit.objects.latest_completed_per_board().values("id")
    boards_per_theme = dict(
        Audit.objects.completed().order_by().values_list("template__theme").annotate(n=Count("board", distinct=True))
    )
    rows = (
        AuditAnswer.objects.filter(audit__in=latest)
        .order_by()
        .values_list("audit__template__theme", "question__key")
        .annotate(
            boards=Count("audit__board", distinct=True, filter=~Q(answer=Answer.NOT_APPLICABLE)),
            met=Count("id", filter=Q(answer=Answer.MET)),
            partly_met=Count("id", filter=Q(answer=Answer.PARTLY_MET)),
            not_met=Count("id", filter=Q(answer=Answer.NOT_MET)),
        )
    )
    rows = list(rows)
    # Each question in its newest wording and order.
    newest = {
        q.key: q
        for q in AuditVersionQuestion.objects.filter(key__in=[row[1] for row in rows])
        .order_by("key", "-version__number")
        .distinct("key")
    }
    themes = Theme.objects.in_bulk(list(boards_per_theme))
    by_theme: dict[int, list[QuestionFigures]] = {theme_id: [] for theme_id in boards_per_theme}
    for theme_id, key, boards, met, partly_met, not_met in rows:
        question = newest[key]
        figures = QuestionFigures(themes[theme_id], question.text, question.position, boards, met, partly_met, not_met)
        if figures.suppressed or boards_per_theme[theme_id] < SMALL_NUMBER:
            figures.met = figures.partly_met = figures.not_met = 0
        by_theme[theme_id].append(figures)
    result = []
    for theme_id, questions in by_theme.items():
        questions.sort(key=lambda q: q.position)
        result.append(ThemeFigures(themes[theme_id], boards_per_theme[theme_id], questions))
    result.sort(key=lambda t: t.theme.name)
    return result


def most_often_not_met(themes: list[ThemeFigures], limit: int = 10) -> list[QuestionFigures]:
    """The questions most often found not met, among those with enough boards to show."""
    shown = [q for t in themes if not t.suppressed for q in t.questions if not q.suppressed and q.not_met]
    return sorted(shown, key=lambda q: (-q.not_met_share, -q.not_met, q.text))[:limit]
