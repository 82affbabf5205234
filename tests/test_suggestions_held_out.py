"""A large library's model: each theme's classifier fitted once and calibrated on reviews held out from the fit
(from model.HELD_OUT_FROM reviews; lowered here so a small tagged library takes that path)."""

import pytest
from sklearn.frozen import FrozenEstimator

from themes.suggestions import model, store
from themes.suggestions.training import train_theme_model

from .suggestion_corpus import make_tagged_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_model_cache():
    store.forget_loaded()
    yield
    store.forget_loaded()


def test_themes_calibrated_on_held_out_reviews_are_suggested_with_their_telling_sentences(board_a, monkeypatch):
    monkeypatch.setattr(model, "HELD_OUT_FROM", 40)
    monkeypatch.setattr(model, "CALIBRATE_SHARE", 0.4)
    make_tagged_corpus(board_a, per_theme=30)  # 90 reviews: 54 to fit on, 36 to calibrate on
    version = train_theme_model()
    suggester = store.current_suggester()
    assert all(isinstance(c.estimator, FrozenEstimator) for c in suggester.themes.classifiers.values())
    themes, _ = suggester.suggest("The baby slept in the adult bed. Later the infant was found unresponsive.")
    assert themes[0].slug == "safe-sleep"
    assert themes[0].score > 0.5
    assert any("unresponsive" in sentence for sentence in themes[0].sentences)
    text = "Police attended after shouting was heard. The partner controlled the money."
    assert suggester.suggest(text)[0][0].slug == "domestic-abuse"
    assert version.theme_metrics["neglect"]["f1"] > 0.8  # cross-validated the same way
