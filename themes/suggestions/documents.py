"""How well documents' themes are suggested: precision, recall and F1 against the themes known to be right
(evaluate_documents, on reviews.documents.unseen's reports)."""

from reviews.documents import ParsedDocument

from .corpus import document_text
from .model import Suggester
from .training import SUGGESTED


def document_theme_scores(suggester: Suggester, parsed: ParsedDocument) -> dict[str, float]:
    """{theme slug: score} for a read document, from the same text ingest_documents and uploads use."""
    doc = document_text(
        title=parsed.title,
        summary=parsed.summary or parsed.text,
        findings=parsed.findings,
        recommendations=parsed.recommendations,
    )
    row = suggester.theme_scores([doc.full_text])[0]
    return {label.slug: float(row[column]) for column, label in enumerate(suggester.themes.labels)}


def theme_figures(scored: list[tuple[dict[str, float], list[str]]], *, at: float = SUGGESTED) -> dict[str, float]:
    """Micro-averaged precision, recall and F1 over (document, theme) pairs, a theme counting as suggested at a
    score of at least `at`, from [(scores, right slugs)]."""
    hits = suggested = expected = 0
    for scores, right in scored:
        chosen = {slug for slug, score in scores.items() if score >= at}
        hits += len(chosen & set(right))
        suggested += len(chosen)
        expected += len(right)
    precision = hits / suggested if suggested else 0.0
    recall = hits / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "suggested": suggested, "expected": expected}
