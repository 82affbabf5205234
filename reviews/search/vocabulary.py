"""What can be searched for: the names and ids of facet values, with the cache generation, in one query."""

from dataclasses import dataclass

from django.db import connection

from ..freshness import NUMBER, SEARCH
from ..models import Agency, Board, Region, Review

# The taxonomy is the themes app's (a room above): known here only through the relation.
THEME_TABLE = Review.themes.field.related_model._meta.db_table


@dataclass(frozen=True)
class Choice:
    id: int
    slug: str
    name: str
    region_id: int | None = None  # boards only


@dataclass
class Vocabulary:
    regions: dict[str, Choice]
    boards: dict[str, Choice]
    themes: dict[str, Choice]
    agencies: dict[str, Choice]
    # The generation keys cached results: it moves on with every change the public can see to reviews and their
    # labels (not with a draft saved). The newest review's id sizes the index's table of positions.
    latest_review_id: int
    generation: int

    def by_id(self, kind: str) -> dict[int, Choice]:
        return {c.id: c for c in getattr(self, kind).values()}


def load_vocabulary() -> Vocabulary:
    """Regions, boards, themes and agencies with ids and names, the newest review's id and the cache
    generation: one query."""
    sql = f"""
        SELECT 'regions', id, slug, name, NULL FROM {Region._meta.db_table}
        UNION ALL SELECT 'boards', id, slug, name, region_id FROM {Board._meta.db_table}
        UNION ALL SELECT 'themes', id, slug, name, NULL FROM {THEME_TABLE}
        UNION ALL SELECT 'agencies', id, slug, name, NULL FROM {Agency._meta.db_table}
        UNION ALL SELECT 'latest', coalesce(max(id), 0), '', '', NULL FROM {Review._meta.db_table}
        UNION ALL SELECT 'generation', {NUMBER}, '', '', NULL FROM {SEARCH}
    """
    groups: dict[str, list[Choice]] = {"regions": [], "boards": [], "themes": [], "agencies": []}
    latest = generation = 0
    with connection.cursor() as cursor:
        cursor.execute(sql)
        for kind, pk, slug, name, region_id in cursor.fetchall():
            if kind == "latest":
                latest = pk
            elif kind == "generation":
                generation = pk
            else:
                groups[kind].append(Choice(pk, slug, name, region_id))
    return Vocabulary(
        **{
            kind: {c.slug: c for c in sorted(choices, key=lambda c: c.name.lower())} for kind, choices in groups.items()
        },
        latest_review_id=latest,
        generation=generation,
    )
