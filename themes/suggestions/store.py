"""Trained versions in the database (ThemeModel), and the current one loaded once per process."""

import io
import threading

import joblib
from django.db.models import F, Func, IntegerField

from themes.models import ThemeModel

from .model import Suggester
from .taxonomy import agency_labels, theme_labels

_lock = threading.Lock()
_loaded: dict[str, object] = {"id": None, "suggester": None, "index_id": None, "index": None}


def dumps(value) -> bytes:
    out = io.BytesIO()
    joblib.dump(value, out, compress=3)
    return out.getvalue()


def _loads(data) -> object:
    # Only ever bytes that train_theme_model or refresh_similar_reviews wrote to our own table.
    return joblib.load(io.BytesIO(bytes(data)))


def current_version_id() -> int | None:
    return ThemeModel.objects.order_by("-trained_at", "-id").values_list("id", flat=True).first()


def current_suggester() -> Suggester | None:
    """The newest trained Suggester, or None before the first training. One small query when already loaded."""
    version_id = current_version_id()
    if version_id is None:
        return None
    with _lock:
        if _loaded["id"] != version_id:
            data = ThemeModel.objects.filter(pk=version_id).values_list("pipeline", flat=True).get()
            _loaded.update(id=version_id, suggester=_loads(data))
        return _loaded["suggester"]


def suggester_or_taxonomy() -> Suggester:
    """The current version, or before any training a Suggester that knows only the taxonomy (fitted here on the
    themes' and agencies' names, synonyms and descriptions: milliseconds), so an empty library still gets
    suggestions."""
    return current_suggester() or Suggester(theme_labels(), agency_labels()).fit([], [], [])


def current_index():
    """The current version's SimilarIndex (see similar.py), or None when it has none yet."""
    version_id = current_version_id()
    if version_id is None:
        return None
    # The stored index changes when refreshed: known by the version and its size (PostgreSQL reads the size from
    # the value's header, not the whole value), and read again when either changes.
    size = (
        ThemeModel.objects.filter(pk=version_id)
        .annotate(size=Func(F("index"), function="octet_length", output_field=IntegerField()))
        .values_list("size", flat=True)
        .get()
    )
    if size is None:
        return None
    with _lock:
        if _loaded["index_id"] != (version_id, size):
            data = ThemeModel.objects.filter(pk=version_id).values_list("index", flat=True).get()
            _loaded.update(index_id=(version_id, size), index=_loads(data))
        return _loaded["index"]


def save_index(index) -> None:
    version_id = current_version_id()
    if version_id is not None:
        ThemeModel.objects.filter(pk=version_id).update(index=dumps(index))


def forget_loaded() -> None:
    """For tests and after training: the next call reads the current version again."""
    with _lock:
        _loaded.update(id=None, suggester=None, index_id=None, index=None)
