"""Writing a checked import file: new reviews inserted with COPY, matched reviews updated, in one transaction."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.text import slugify

from .. import search
from ..models import Board, Finding, Recommendation, Review, ReviewEvent
from ..signals import reviews_changed
from .lines import ImportProblem, ImportRejected, ReviewRow

SLUG_MAX = 320


@dataclass
class HeldBack:
    """A line that matches a draft or withdrawn review, which an import leaves exactly as it is."""

    line: int
    status: str
    title: str
    slug: str

    def __str__(self) -> str:
        what = f"{self.status} review {self.title!r} ({self.slug})"
        return f"line {self.line} matches {what}: not updated, still {self.status}"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    boards_created: list[str] = field(default_factory=list)
    held_back: list[HeldBack] = field(default_factory=list)


def unique_slug(text: str, taken: set[str]) -> str:
    """A slug for `text` not in `taken` (which it is added to): what slugify makes, then -2, -3 ..."""
    base = slugify(text)[: SLUG_MAX - 8].strip("-") or "review"
    slug = base
    n = 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    taken.add(slug)
    return slug


BATCH = 5_000


_UPDATED_FIELDS = [
    "title",
    "reference",
    "review_type",
    "board_id",
    "published_on",
    "published_year_only",
    "age_band",
    "summary",
    "source_url",
    "updated_by_id",
    "updated_at",
]


def _copy_insert(model, objects: list) -> None:
    """Insert many new rows with PostgreSQL's COPY, which is several times faster than bulk_create's INSERTs.

    Ids come from the table's default. Model save() and signals are not involved, as with bulk_create.
    """
    if not objects:
        return
    meta = model._meta
    quote = connection.ops.quote_name
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    columns = ", ".join(quote(field.column) for field in fields)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy,
    ):
        for obj in objects:
            copy.write_row([field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields])


def _copy_rows(model, columns: list[str], rows: list[tuple]) -> None:
    """COPY rows given as tuples of database values into these columns (the others take their defaults)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def _reserve_ids(model, objects: list) -> None:
    """Take ids from the table's sequence and set them on the objects, so rows that refer to them can be written
    before them (Django's foreign keys on PostgreSQL are checked at commit)."""
    if not objects:
        return
    meta = model._meta
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objects)],
        )
        for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
            obj.pk = pk


_STAGING = "review_import_staging"


def _insert_new_reviews(reviews: list[Review]) -> None:
    """Write new reviews (ids already reserved) with their search words and facet ids computed as the rows are
    first written.

    The rows are COPYed into a staging table, their derived columns computed (reviews.search), and both moved
    into the reviews table by one INSERT ... SELECT. Writing them and then updating every
    new row (touching every index again) took 55 s of a 100,000-review import. Their findings, recommendations
    and links must already be written: the expressions read them.
    """
    if not reviews:
        return
    quote = connection.ops.quote_name
    table = quote(Review._meta.db_table)
    fields = [f for f in Review._meta.concrete_fields if f.column not in search.DERIVED_COLUMNS]
    columns = ", ".join(quote(f.column) for f in fields)
    derived = ", ".join(quote(column) for column in search.DERIVED_COLUMNS)
    # Ordinary unlogged tables rather than temporary ones, so that PostgreSQL's parallel workers can read them
    # while computing the vectors; they live only inside this transaction.
    pid = connection.connection.info.backend_pid
    staging, derived_rows = quote(f"{_STAGING}_{pid}"), quote(f"{_STAGING}_derived_{pid}")
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {staging}, {derived_rows}")
        cursor.execute(f"CREATE UNLOGGED TABLE {staging} (LIKE {table})")
        with cursor.cursor.copy(f"COPY {staging} ({columns}) FROM STDIN") as copy:
            for review in reviews:
                copy.write_row([f.get_db_prep_save(getattr(review, f.attname), connection) for f in fields])
        cursor.execute(f"ANALYZE {staging}")
        cursor.execute(f"CREATE UNLOGGED TABLE {derived_rows} AS {search.derived_columns_select(staging)}")
        cursor.execute(
            f"INSERT INTO {table} ({columns}, {derived}) "
            f"SELECT {', '.join(f'r.{quote(f.column)}' for f in fields)}, "
            f"{', '.join(f'd.{quote(column)}' for column in search.DERIVED_COLUMNS)} "
            f"FROM {staging} AS r JOIN {derived_rows} AS d ON d.id = r.id"
        )
        cursor.execute(search.search_documents_from(derived_rows))
        cursor.execute(f"DROP TABLE {staging}, {derived_rows}")


def _update_reviews(reviews: list[Review]) -> None:
    """Write many changed reviews with one pipelined UPDATE per row.

    Django's bulk_update builds CASE expressions whose cost grows with the batch size squared: re-importing
    100,000 reviews took 353 s with it here and 148 s with psycopg's pipelined executemany.
    """
    table = Review._meta.db_table
    assignments = ", ".join(f'"{field}" = %s' for field in _UPDATED_FIELDS)
    sql = f'UPDATE "{table}" SET {assignments} WHERE id = %s'
    with connection.cursor() as cursor:
        cursor.executemany(
            sql, [[getattr(review, field) for field in _UPDATED_FIELDS] + [review.id] for review in reviews]
        )


def _replace_recommendations(to_update: list[tuple[ReviewRow, Review]]) -> dict[int, int]:
    """Bring updated reviews' recommendations in line with the file, keeping the rows that already exist.

    Recommendations are matched by position and their text is updated in place, so work recorded against them
    elsewhere (actions taken) stays attached. Surplus ones are deleted; if one is protected by such work, the
    import stops with a message naming the line. Returns {review id: how many existing rows were kept}.
    """
    existing: dict[int, list[int]] = {}
    for review_id, recommendation_id in (
        Recommendation.objects.filter(review_id__in=[review.id for _, review in to_update])
        .order_by("review_id", "position", "id")
        .values_list("review_id", "id")
    ):
        existing.setdefault(review_id, []).append(recommendation_id)
    updates, surplus, kept, line_of = [], [], {}, {}
    for row, review in to_update:
        ids = existing.get(review.id, [])
        kept[review.id] = min(len(ids), len(row.recommendations))
        for position, (recommendation_id, text) in enumerate(zip(ids, row.recommendations, strict=False), 1):
            updates.append([text, position, recommendation_id])
        for recommendation_id in ids[len(row.recommendations) :]:
            surplus.append(recommendation_id)
            line_of[recommendation_id] = row.line
    if updates:
        with connection.cursor() as cursor:
            cursor.executemany(
                f'UPDATE "{Recommendation._meta.db_table}" SET text = %s, position = %s WHERE id = %s', updates
            )
    try:
        Recommendation.objects.filter(id__in=surplus).delete()
    except ProtectedError as error:
        lines = sorted(
            {line_of.get(getattr(obj, "recommendation_id", None)) for obj in error.protected_objects} - {None}
        ) or sorted(set(line_of.values()))
        raise ImportRejected(
            [
                ImportProblem(
                    line,
                    "this review has fewer recommendations than before, but a recommendation that "
                    "would be removed has actions recorded against it; keep it in the file",
                )
                for line in lines
            ]
        ) from None
    return kept


@transaction.atomic
def review_import_rows(
    *, rows: list[ReviewRow], user=None, progress: Callable[[int], None] | None = None
) -> ImportResult:
    """Save validated rows in one transaction, with bulk inserts: new reviews are published, and recorded so.

    A row whose reference (or, without one, whose board, title and date) matches an existing published review
    updates it and replaces its findings, recommendations, themes and agencies; otherwise a new review is added.
    An import never changes a review's status: a row matching a draft or a withdrawn review leaves it untouched
    and is listed in `held_back`.
    """
    result = ImportResult()
    now = timezone.now()

    boards = {board.name.lower(): board for board in Board.objects.all()}
    new_boards = {}
    taken_board_slugs = set(Board.objects.values_list("slug", flat=True))
    for row in rows:
        key = row.board_name.lower()
        if key not in boards and key not in new_boards:
            new_boards[key] = Board(
                name=row.board_name, slug=unique_slug(row.board_name, taken_board_slugs), region=row.region
            )
    Board.objects.bulk_create(new_boards.values())
    boards.update(new_boards)
    result.boards_created = sorted(board.name for board in new_boards.values())

    by_reference = dict(Review.objects.exclude(reference="").values_list("reference", "id"))
    by_natural_key = {
        (board_id, title.lower(), published_on): review_id
        for review_id, board_id, title, published_on in Review.objects.filter(reference="").values_list(
            "id", "board_id", "title", "published_on"
        )
    }
    taken_slugs = set(Review.objects.values_list("slug", flat=True))
    # Withdrawn reviews were taken down for a reason (a family identified, a court order) and drafts are an
    # editor's unfinished, unpublished work: the file's text could bring back exactly what was removed, so these
    # reviews are not touched at all; their board's editors decide. The database refuses status changes anyway.
    not_public = {
        review_id: (status, title, slug)
        for review_id, status, title, slug in Review.objects.exclude(status=Review.Status.PUBLISHED).values_list(
            "id", "status", "title", "slug"
        )
    }

    to_create: list[tuple[ReviewRow, Review]] = []
    to_update: list[tuple[ReviewRow, Review]] = []
    for row in rows:
        board = boards[row.board_name.lower()]
        if row.reference:
            existing_id = by_reference.get(row.reference)
        else:
            existing_id = by_natural_key.get((board.id, row.title.lower(), row.published_on))
        if existing_id in not_public:
            status, title, slug = not_public[existing_id]
            result.held_back.append(HeldBack(line=row.line, status=status, title=title, slug=slug))
            continue
        review = Review(
            id=existing_id,
            title=row.title,
            reference=row.reference,
            review_type=row.review_type,
            board=board,
            published_on=row.published_on,
            published_year_only=row.published_year_only,
            age_band=row.age_band,
            status=Review.Status.PUBLISHED,  # written for new reviews only: updates leave the status alone
            summary=row.summary,
            source_url=row.source_url,
            updated_by=user,
            updated_at=now,
        )
        if existing_id:
            to_update.append((row, review))
        else:
            review.slug = unique_slug(row.title, taken_slugs)
            review.created_by = user
            review.created_at = now
            review.first_published_at = now
            to_create.append((row, review))

    # New reviews are written last, after their findings, recommendations and links, so that their search
    # vectors can be computed as they are written; their ids are taken now for those rows to refer to.
    _reserve_ids(Review, [review for _, review in to_create])
    done = 0
    if to_update:
        updated_ids = [review.id for _, review in to_update]
        _update_reviews([review for _, review in to_update])
        Finding.objects.filter(review_id__in=updated_ids).delete()
        kept_recommendations = _replace_recommendations(to_update)
        Review.themes.through.objects.filter(review_id__in=updated_ids).delete()
        Review.agencies.through.objects.filter(review_id__in=updated_ids).delete()
        Review.objects.filter(id__in=updated_ids, first_published_at__isnull=True).update(first_published_at=now)
        done += len(to_update)
        if progress:
            progress(done)

    updated_reviews = {id(review) for _, review in to_update}
    if not to_update:
        kept_recommendations = {}
    # Plain tuples, not model instances: building and preparing an instance for each of the million or so child
    # rows of a large file cost more than copying them.
    findings, recommendations, theme_links, agency_links, events = [], [], [], [], []
    for row, review in to_create + to_update:
        findings.extend((review.id, i, t) for i, t in enumerate(row.findings, 1))
        kept = kept_recommendations.get(review.id, 0) if id(review) in updated_reviews else 0
        recommendations.extend((review.id, i, t) for i, t in enumerate(row.recommendations, 1) if i > kept)
        theme_links.extend((review.id, theme_id) for theme_id in row.theme_ids)
        agency_links.extend((review.id, agency_id) for agency_id in row.agency_ids)
        events.append(ReviewEvent(review_id=review.id, action=ReviewEvent.Action.IMPORTED, user=user, at=now))
        if id(review) not in updated_reviews:  # a new review is published by the import: say so in its history
            events.append(
                ReviewEvent(
                    review_id=review.id, action=ReviewEvent.Action.PUBLISHED, user=user, at=now, note="by import"
                )
            )
    for model, columns, rows in (
        (Finding, ["review_id", "position", "text"], findings),
        (Recommendation, ["review_id", "position", "text"], recommendations),
        (Review.themes.through, ["review_id", "theme_id"], theme_links),
        (Review.agencies.through, ["review_id", "agency_id"], agency_links),
    ):
        _copy_rows(model, columns, rows)
    _copy_insert(ReviewEvent, events)
    for start in range(0, len(to_create), BATCH):
        _insert_new_reviews([review for _, review in to_create[start : start + BATCH]])
        done += len(to_create[start : start + BATCH])
        if progress:
            progress(done)

    result.created = len(to_create)
    result.updated = len(to_update)
    reviews_changed.send(
        sender=Review,
        review_ids=[review.id for _, review in to_create + to_update],
        search_ready=[review.id for _, review in to_create],
    )
    return result
