"""The national tracker's summary tables: kept in step with reviews, recommendations and actions in SQL.

Every figure of the national tracker is a sum over published reviews. Adding up hundreds of thousands of
recommendations and actions for each view after a change took seconds at 100,000 reviews; these tables hold the
same figures already added up per board and theme, so a view reads a few thousand rows. actions.tracker_summary
keeps them current: database triggers (migration 0003) note every review whose recommendations, actions, status,
board or themes change, whatever wrote it, and the next reader recounts just those reviews.

Plain id columns rather than foreign keys, as in themes.TrendCount: rows are added to and taken from in SQL, and a
review, board or theme that goes is taken out of the sums by the recount, not by a cascade.
"""

from django.contrib.postgres.fields import ArrayField
from django.db import models

# TrackerCount.theme_id for a board's total over all its reviews, and for its reviews without a theme.
ALL_REVIEWS = 0
NO_THEME = -1


class TrackerReview(models.Model):
    """What the summary counts for one review as last seen (published or not), so that a recount can take the
    review's old contribution away before adding its new one."""

    review_id = models.BigIntegerField(primary_key=True)
    counted = models.BooleanField()  # published when last seen
    board_id = models.BigIntegerField()
    theme_ids = ArrayField(models.BigIntegerField(), default=list)
    # Recommendations by progress (actions.tracker.Progress)
    no_actions = models.IntegerField(default=0)
    not_started = models.IntegerField(default=0)
    in_progress = models.IntegerField(default=0)
    completed = models.IntegerField(default=0)
    not_accepted = models.IntegerField(default=0)
    actions = models.IntegerField(default=0)
    completed_actions = models.IntegerField(default=0)
    days_to_complete = ArrayField(models.IntegerField(), default=list)  # one per completed action
    open_due = ArrayField(models.DateField(), default=list)  # the due date of each open action

    def __str__(self) -> str:
        return f"review {self.review_id}"


class TrackerCount(models.Model):
    """Recommendations by progress and actions, summed over one board's published reviews: all of them
    (theme ALL_REVIEWS), those with one theme, or those with none (NO_THEME)."""

    board_id = models.BigIntegerField()
    theme_id = models.BigIntegerField()
    no_actions = models.IntegerField(default=0)
    not_started = models.IntegerField(default=0)
    in_progress = models.IntegerField(default=0)
    completed = models.IntegerField(default=0)
    not_accepted = models.IntegerField(default=0)
    actions = models.IntegerField(default=0)
    completed_actions = models.IntegerField(default=0)

    class Meta:
        constraints = [
            # the recount's upsert adds to the row for a key
            models.UniqueConstraint(fields=["board_id", "theme_id"], name="actions_trackercount_key_unique")
        ]

    def __str__(self) -> str:
        return f"board {self.board_id}, theme {self.theme_id}"


class TrackerDue(models.Model):
    """Open actions (not started or in progress) on one board's published reviews that fall due on one day: the
    overdue count on any date is a sum over earlier days."""

    board_id = models.BigIntegerField()
    due_on = models.DateField()
    open_actions = models.IntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["board_id", "due_on"], name="actions_trackerdue_key_unique")]

    def __str__(self) -> str:
        return f"board {self.board_id}, due {self.due_on}"


class TrackerDays(models.Model):
    """Completed actions on one board's published reviews that took this many days from agreement to completion: a
    median comes from a few hundred of these rows (a board's), or their sums by days (the nation's)."""

    board_id = models.BigIntegerField()
    days = models.IntegerField()
    actions = models.IntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["board_id", "days"], name="actions_trackerdays_key_unique")]

    def __str__(self) -> str:
        return f"board {self.board_id}: {self.actions} actions in {self.days} days"


class TrackerChange(models.Model):
    """A review whose contribution to the summary may have changed since it was last counted. Written by the
    triggers of migration 0003 (never by Python), and taken away by the recount that counts it again."""

    review_id = models.BigIntegerField()

    def __str__(self) -> str:
        return f"review {self.review_id}"


class TrackerCsvPart(models.Model):
    """One published review's rows of the tracker's CSV download, written out as CSV text (reviews.spreadsheets), so
    that a national download sends stored text instead of joining and writing every action in the country again.

    A part holds as long as nothing it shows changes. The recount of a review noted in TrackerChange (the triggers note
    every change a row shows, renames of its board, region, themes and agencies too) marks its part out of date, or
    takes it away if the review is no longer published. A part is written again when it is out of date, was written
    in another layout, or before the day an open action of the review falls overdue (`stale_on`). Until then a
    download that started earlier may still send it, as it stood. The site's address is not in it (see
    actions.tracker_csv.SITE_MARK), so every address the site answers to shares the same parts."""

    review_id = models.BigIntegerField(primary_key=True)
    board_name = models.TextField()  # the download's order: board, date published, review
    published_on = models.DateField(null=True)
    layout = models.IntegerField()  # actions.tracker_csv.LAYOUT when written
    current = models.BooleanField(default=True)  # false once the review changed
    built_on = models.DateField()
    stale_on = models.DateField(null=True)  # the day after the first due date of an open action not yet overdue
    rows = models.TextField()

    class Meta:
        indexes = [
            models.Index(fields=["board_name", "published_on", "review_id"], name="actions_csvpart_order_idx"),
        ]

    def __str__(self) -> str:
        return f"review {self.review_id}"
