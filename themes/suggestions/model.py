"""The Suggester: which themes and agencies a text is about, how sure, and which of its sentences say so.

TF-IDF (words and pairs of words) with one calibrated linear classifier per theme (a linear SVM whose scores are
turned into probabilities by CalibratedClassifierCV), trained on the library's own published, tagged reviews.
Every theme's score is blended with what the taxonomy says (its name, synonyms and description): with many tagged
reviews the classifier speaks, with few the taxonomy does, and with none (a new, empty library) only the taxonomy.
Agencies are suggested the same way from their names and the words in taxonomy.AGENCY_WORDS.
"""

import re
from dataclasses import dataclass

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.frozen import FrozenEstimator
from sklearn.linear_model import SGDClassifier
from sklearn.preprocessing import normalize

from .taxonomy import Label

# A theme needs this many tagged reviews (and as many untagged) for a classifier of its own: calibration uses 3 folds.
MIN_EXAMPLES = 6
# With this many tagged reviews, the taxonomy's lift to a theme's score is halved.
PRIOR_REVIEWS = 20
# The vocabulary is capped so that a stored version stays a few MB at 100,000 reviews.
MAX_WORDS = 50_000
SHOWN_SENTENCES = 2
# A linear SVM fitted by stochastic gradient descent: a fixed number of passes over the reviews, so training time
# grows in step with the library (LibLinear's LinearSVC took 854 s for 31 labels at 20,000 demo reviews here,
# most of it on labels the text cannot tell apart).
# About a million updates whatever the library's size (scikit-learn's advice), at least 10 passes.
ALPHA = 1e-4
UPDATES = 1_000_000
# From this many reviews a theme's classifier is fitted once and its probabilities calibrated on reviews held out
# from that fit (CALIBRATE_SHARE of them, at most CALIBRATE_ON), instead of calibrating on 3 folds and fitting
# again on everything: a quarter of the work (at 100,000 demo reviews 3.3 s of CPU a label with 3 folds, 0.8 s so).
HELD_OUT_FROM = 5_000
CALIBRATE_SHARE = 0.1
CALIBRATE_ON = 10_000
# Calibration on held-out reviews needs this many of them tagged, and as many not (5 chunks of decision values).
CALIBRATION_EXAMPLES = 5
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")


def _plain(sentence: str) -> str:
    return re.sub(r"\W+", " ", sentence.lower()).strip()


def sentences_of(text: str) -> list[str]:
    """The text's sentences, each once (a finding often repeats a sentence of the summary)."""
    seen, found = set(), []
    for sentence in _SENTENCE_BREAK.split(text):
        sentence = sentence.strip()
        key = _plain(sentence)
        if len(key) > 3 and key not in seen:
            seen.add(key)
            found.append(sentence)
    return found[:300]


@dataclass
class Suggestion:
    slug: str
    name: str
    score: float  # 0 to 1
    sentences: list[str]

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def _svm(count: int) -> SGDClassifier:
    return SGDClassifier(
        loss="hinge",
        alpha=ALPHA,
        class_weight="balanced",
        max_iter=min(1000, max(10, UPDATES // max(count, 1))),
        tol=None,
        random_state=0,
    )


def _held_out(count: int) -> tuple[np.ndarray, np.ndarray] | None:
    """(rows to fit on, rows to calibrate on), the same random split for every label; None below HELD_OUT_FROM."""
    if count < HELD_OUT_FROM:
        return None
    order = np.random.default_rng(0).permutation(count)
    size = min(CALIBRATE_ON, int(count * CALIBRATE_SHARE))
    return np.sort(order[size:]), np.sort(order[:size])


def _can_calibrate(y: np.ndarray) -> bool:
    tagged = int(y.sum())
    return tagged >= CALIBRATION_EXAMPLES and len(y) - tagged >= CALIBRATION_EXAMPLES


class LabelModel:
    """The classifiers and taxonomy for one kind of label: themes, or agencies."""

    def __init__(self, labels: list[Label]):
        self.labels = labels
        self.patterns = [label.pattern() for label in labels]
        self.phrases = [tuple(phrase.lower() for phrase in label.phrases if phrase) for label in labels]
        self.classifiers: dict[str, CalibratedClassifierCV] = {}
        self.weights: dict[str, np.ndarray] = {}  # each classifier's word weights, to find the telling sentences
        self.examples: dict[str, int] = {}

    def fit(self, vectorizer: TfidfVectorizer, X, tags: list[list[str]]) -> "LabelModel":
        self.label_vectors = normalize(vectorizer.transform([label.text for label in self.labels]))
        held_out = _held_out(len(tags))
        if held_out is not None:
            X_train, X_calibrate = X[held_out[0]], X[held_out[1]]
        for label in self.labels:
            y = np.fromiter((label.slug in tagged for tagged in tags), dtype=bool, count=len(tags))
            positives = int(y.sum())
            self.examples[label.slug] = positives
            if positives < MIN_EXAMPLES or len(y) - positives < MIN_EXAMPLES:
                continue
            if held_out is not None and _can_calibrate(y[held_out[1]]):
                train, calibrate = held_out
                svm = _svm(len(train)).fit(X_train, y[train])
                classifier = CalibratedClassifierCV(FrozenEstimator(svm), method="sigmoid")
                classifier.fit(X_calibrate, y[calibrate])
            else:
                # ensemble=False: one linear model per theme (calibrated on 3 folds), so a stored version stays small.
                classifier = CalibratedClassifierCV(_svm(len(y)), cv=3, method="sigmoid", ensemble=False).fit(X, y)
                svm = classifier.calibrated_classifiers_[0].estimator
            self.classifiers[label.slug] = classifier
            self.weights[label.slug] = svm.coef_[0].astype(np.float32)
        return self

    def taxonomy_scores(self, X, texts: list[str]) -> np.ndarray:
        """0 to 1 for each text and label from the taxonomy alone: a named label or synonym counts most."""
        likeness = np.minimum(1.0, 2.0 * (X @ self.label_vectors.T).toarray())
        return np.maximum(self.named_scores(texts), likeness * 0.6).reshape(len(texts), len(self.labels))

    def named_scores(self, texts: list[str]) -> np.ndarray:
        """0 to 0.9 for each text and label by how often the text names the label or a synonym: one mention 0.45,
        two 0.68, three 0.79."""
        hits = np.array([self._mentions(text) for text in texts], dtype=float).reshape(len(texts), len(self.labels))
        return (1.0 - 0.5**hits) * 0.9

    def _mentions(self, text: str) -> list[int]:
        """How often each label's name or a synonym is mentioned. A label's pattern only runs when one of its
        phrases is in the text at all: a substring test is far cheaper than the regular expression (scoring
        400,000 findings spent most of its time here)."""
        phrases = getattr(self, "phrases", None)  # versions trained before it was kept
        lower = text.lower()
        return [
            len(pattern.findall(text)) if phrases is None or any(p in lower for p in phrases[column]) else 0
            for column, pattern in enumerate(self.patterns)
        ]

    def scores(self, X, texts: list[str]) -> np.ndarray:
        """Blended scores, one row per text and one column per label."""
        scores = self.taxonomy_scores(X, texts)
        named = self.named_scores(texts) if self.classifiers and texts else None
        for column, label in enumerate(self.labels):
            classifier = self.classifiers.get(label.slug)
            if classifier is None or not texts:
                continue
            # The taxonomy can lift a theme the classifier is unsure of, less so the more tagged reviews it learnt
            # from; it never pulls down a theme the classifier is sure of. A theme the text names stays at least
            # as likely as its naming makes it, however many reviews the classifier learnt from: their wording
            # (the demo library's, say) may not be a real report's, while a report that names "domestic abuse"
            # twice is about it. On 15 unseen reports a classifier trained on 100,000 demo reviews alone found 22%
            # of their themes, the taxonomy alone 44% (at a score of 0.5).
            weight = self.examples[label.slug] / (self.examples[label.slug] + PRIOR_REVIEWS)
            learnt = classifier.predict_proba(X)[:, 1]
            blended = weight * learnt + (1 - weight) * np.maximum(learnt, scores[:, column])
            scores[:, column] = np.maximum(blended, named[:, column])
        return scores

    def telling_sentences(self, vectorizer: TfidfVectorizer, sentences: list[str], slug: str) -> list[str]:
        """The sentences whose words did most for a label's score: the classifier's weights, else the taxonomy's."""
        if not sentences:
            return []
        column = next(index for index, label in enumerate(self.labels) if label.slug == slug)
        S = vectorizer.transform(sentences)
        weights = self.weights.get(slug)
        contribution = S @ weights if weights is not None else (S @ self.label_vectors[column].T).toarray().ravel()
        named = np.array([bool(self.patterns[column].search(sentence)) for sentence in sentences], dtype=float)
        contribution = np.asarray(contribution, dtype=float).ravel() + named
        chosen: list[str] = []
        for index in np.argsort(-contribution, kind="stable"):
            if contribution[index] <= 0 or len(chosen) == SHOWN_SENTENCES:
                break
            plain = _plain(sentences[index])
            # A finding often restates a sentence of the summary ("The review found that ..."): show it once.
            if not any(plain in _plain(other) or _plain(other) in plain for other in chosen):
                chosen.append(sentences[index])
        return chosen

    def suggestions(self, vectorizer, row: np.ndarray, sentences: list[str], *, limit: int, minimum: float):
        order = np.argsort(-row, kind="stable")[:limit]
        return [
            Suggestion(
                self.labels[index].slug,
                self.labels[index].name,
                float(row[index]),
                self.telling_sentences(vectorizer, sentences, self.labels[index].slug),
            )
            for index in order
            if row[index] >= minimum
        ]


class Suggester:
    """Themes and agencies for texts. Fitted by training.train_theme_model, stored by store.save_version."""

    def __init__(self, theme_labels: list[Label], agency_labels: list[Label]):
        self.themes = LabelModel(theme_labels)
        self.agencies = LabelModel(agency_labels)

    def fit(self, texts: list[str], theme_tags: list[list[str]], agency_tags: list[list[str]]) -> "Suggester":
        taxonomy = [label.text for label in self.themes.labels + self.agencies.labels]
        self.vectorizer = TfidfVectorizer(
            sublinear_tf=True,
            ngram_range=(1, 2),
            min_df=2 if len(texts) >= 50 else 1,
            stop_words="english",
            max_features=MAX_WORDS,
            dtype=np.float32,
        )
        # The taxonomy's own words are always in the vocabulary, even in an empty library. Fitted and transformed
        # in one pass: reading 100,000 reviews' words twice took a quarter of a minute.
        X = self.vectorizer.fit_transform([*texts, *taxonomy, *taxonomy])[: len(texts)]
        self.vectorizer.stop_words_ = None  # only kept for inspection; large (scikit-learn says it may be dropped)
        self.themes.fit(self.vectorizer, X, theme_tags)
        self.agencies.fit(self.vectorizer, X, agency_tags)
        return self

    def vectors(self, texts: list[str]):
        return self.vectorizer.transform(texts)

    def theme_scores(self, texts: list[str]) -> np.ndarray:
        return self.themes.scores(self.vectors(texts), texts)

    def agency_scores(self, texts: list[str]) -> np.ndarray:
        return self.agencies.scores(self.vectors(texts), texts)

    def suggest(self, text: str, *, limit: int = 8, minimum: float = 0.2):
        """(themes, agencies) for one text, best first, each with its score and telling sentences."""
        X = self.vectors([text])
        sentences = sentences_of(text)
        themes = self.themes.suggestions(
            self.vectorizer, self.themes.scores(X, [text])[0], sentences, limit=limit, minimum=minimum
        )
        agencies = self.agencies.suggestions(
            self.vectorizer, self.agencies.scores(X, [text])[0], sentences, limit=limit, minimum=minimum
        )
        return themes, agencies
