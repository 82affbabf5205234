"""The national tracker's summary tables (actions.summary_models), the triggers that note every review whose
recommendations, actions, status, board or themes change (in actions_trackerchange), and the index a board's
tracker reads actions through.

Every existing review is noted, so the first national tracker view counts them all (seconds at 100,000 reviews).
Statement triggers for inserts and deletes (one note per review per statement, however many rows: imports and bulk
inserts), row triggers with a condition for updates (only a change that matters to the figures is noted).
"""

import django.contrib.postgres.fields
import django.db.models.deletion
from django.db import migrations, models

NOTE = "INSERT INTO actions_trackerchange (review_id)"

TRIGGERS = f"""
CREATE FUNCTION actions_tracker_note_actions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {NOTE} SELECT DISTINCT rec.review_id FROM new_rows a
            JOIN reviews_recommendation rec ON rec.id = a.recommendation_id;
    ELSE
        {NOTE} SELECT DISTINCT rec.review_id FROM old_rows a
            JOIN reviews_recommendation rec ON rec.id = a.recommendation_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE FUNCTION actions_tracker_note_changed_action() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {NOTE} SELECT DISTINCT review_id FROM reviews_recommendation
        WHERE id IN (OLD.recommendation_id, NEW.recommendation_id);
    RETURN NULL;
END
$$;
CREATE FUNCTION actions_tracker_note_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {NOTE} SELECT DISTINCT review_id FROM new_rows;
    ELSE
        {NOTE} SELECT DISTINCT review_id FROM old_rows;
    END IF;
    RETURN NULL;
END
$$;
CREATE FUNCTION actions_tracker_note_moved_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {NOTE} SELECT DISTINCT unnest(ARRAY[OLD.review_id, NEW.review_id]);
    RETURN NULL;
END
$$;
CREATE FUNCTION actions_tracker_note_deleted_reviews() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {NOTE} SELECT id FROM old_rows;
    RETURN NULL;
END
$$;
CREATE FUNCTION actions_tracker_note_changed_review() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {NOTE} VALUES (NEW.id);
    RETURN NULL;
END
$$;

CREATE TRIGGER actions_tracker_action_insert AFTER INSERT ON actions_action
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION actions_tracker_note_actions();
CREATE TRIGGER actions_tracker_action_delete AFTER DELETE ON actions_action
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION actions_tracker_note_actions();
CREATE TRIGGER actions_tracker_action_update
    AFTER UPDATE OF recommendation_id, status, due_on, agreed_on, completed_on ON actions_action
    FOR EACH ROW WHEN ((OLD.recommendation_id, OLD.status, OLD.due_on, OLD.agreed_on, OLD.completed_on)
        IS DISTINCT FROM (NEW.recommendation_id, NEW.status, NEW.due_on, NEW.agreed_on, NEW.completed_on))
    EXECUTE FUNCTION actions_tracker_note_changed_action();

CREATE TRIGGER actions_tracker_recommendation_insert AFTER INSERT ON reviews_recommendation
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION actions_tracker_note_rows();
CREATE TRIGGER actions_tracker_recommendation_delete AFTER DELETE ON reviews_recommendation
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION actions_tracker_note_rows();
CREATE TRIGGER actions_tracker_recommendation_update AFTER UPDATE OF review_id ON reviews_recommendation
    FOR EACH ROW WHEN (OLD.review_id IS DISTINCT FROM NEW.review_id)
    EXECUTE FUNCTION actions_tracker_note_moved_row();

CREATE TRIGGER actions_tracker_theme_insert AFTER INSERT ON reviews_review_themes
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION actions_tracker_note_rows();
CREATE TRIGGER actions_tracker_theme_delete AFTER DELETE ON reviews_review_themes
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION actions_tracker_note_rows();
CREATE TRIGGER actions_tracker_theme_update AFTER UPDATE OF review_id, theme_id ON reviews_review_themes
    FOR EACH ROW WHEN ((OLD.review_id, OLD.theme_id) IS DISTINCT FROM (NEW.review_id, NEW.theme_id))
    EXECUTE FUNCTION actions_tracker_note_moved_row();

CREATE TRIGGER actions_tracker_review_update AFTER UPDATE OF status, board_id ON reviews_review
    FOR EACH ROW WHEN ((OLD.status, OLD.board_id) IS DISTINCT FROM (NEW.status, NEW.board_id))
    EXECUTE FUNCTION actions_tracker_note_changed_review();
CREATE TRIGGER actions_tracker_review_delete AFTER DELETE ON reviews_review
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION actions_tracker_note_deleted_reviews();

{NOTE} SELECT id FROM reviews_review;
"""

DROP_TRIGGERS = """
DROP TRIGGER actions_tracker_action_insert ON actions_action;
DROP TRIGGER actions_tracker_action_delete ON actions_action;
DROP TRIGGER actions_tracker_action_update ON actions_action;
DROP TRIGGER actions_tracker_recommendation_insert ON reviews_recommendation;
DROP TRIGGER actions_tracker_recommendation_delete ON reviews_recommendation;
DROP TRIGGER actions_tracker_recommendation_update ON reviews_recommendation;
DROP TRIGGER actions_tracker_theme_insert ON reviews_review_themes;
DROP TRIGGER actions_tracker_theme_delete ON reviews_review_themes;
DROP TRIGGER actions_tracker_theme_update ON reviews_review_themes;
DROP TRIGGER actions_tracker_review_update ON reviews_review;
DROP TRIGGER actions_tracker_review_delete ON reviews_review;
DROP FUNCTION actions_tracker_note_actions();
DROP FUNCTION actions_tracker_note_changed_action();
DROP FUNCTION actions_tracker_note_rows();
DROP FUNCTION actions_tracker_note_moved_row();
DROP FUNCTION actions_tracker_note_deleted_reviews();
DROP FUNCTION actions_tracker_note_changed_review();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0002_groups_and_starter_audits"),
        ("reviews", "0003_review_plain_summary"),  # as 0001: the tables the triggers watch are older still
    ]

    operations = [
        migrations.CreateModel(
            name="TrackerChange",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("review_id", models.BigIntegerField()),
            ],
        ),
        migrations.CreateModel(
            name="TrackerCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("board_id", models.BigIntegerField()),
                ("theme_id", models.BigIntegerField()),
                ("no_actions", models.IntegerField(default=0)),
                ("not_started", models.IntegerField(default=0)),
                ("in_progress", models.IntegerField(default=0)),
                ("completed", models.IntegerField(default=0)),
                ("not_accepted", models.IntegerField(default=0)),
                ("actions", models.IntegerField(default=0)),
                ("completed_actions", models.IntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name="TrackerDays",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("board_id", models.BigIntegerField()),
                ("days", models.IntegerField()),
                ("actions", models.IntegerField()),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("board_id", "days"), name="actions_trackerdays_key_unique")
                ],
            },
        ),
        migrations.CreateModel(
            name="TrackerDue",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("board_id", models.BigIntegerField()),
                ("due_on", models.DateField()),
                ("open_actions", models.IntegerField()),
            ],
        ),
        migrations.CreateModel(
            name="TrackerReview",
            fields=[
                ("review_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("counted", models.BooleanField()),
                ("board_id", models.BigIntegerField()),
                (
                    "theme_ids",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.BigIntegerField(), default=list, size=None
                    ),
                ),
                ("no_actions", models.IntegerField(default=0)),
                ("not_started", models.IntegerField(default=0)),
                ("in_progress", models.IntegerField(default=0)),
                ("completed", models.IntegerField(default=0)),
                ("not_accepted", models.IntegerField(default=0)),
                ("actions", models.IntegerField(default=0)),
                ("completed_actions", models.IntegerField(default=0)),
                (
                    "days_to_complete",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.IntegerField(), default=list, size=None
                    ),
                ),
                (
                    "open_due",
                    django.contrib.postgres.fields.ArrayField(base_field=models.DateField(), default=list, size=None),
                ),
            ],
        ),
        migrations.AlterField(
            model_name="action",
            name="recommendation",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="actions",
                to="reviews.recommendation",
            ),
        ),
        migrations.AddIndex(
            model_name="action",
            index=models.Index(
                fields=["recommendation"],
                include=("id", "status", "due_on", "agreed_on", "completed_on"),
                name="action_recommendation_idx",
            ),
        ),
        migrations.AddConstraint(
            model_name="trackercount",
            constraint=models.UniqueConstraint(fields=("board_id", "theme_id"), name="actions_trackercount_key_unique"),
        ),
        migrations.AddConstraint(
            model_name="trackerdue",
            constraint=models.UniqueConstraint(fields=("board_id", "due_on"), name="actions_trackerdue_key_unique"),
        ),
        migrations.RunSQL(TRIGGERS, DROP_TRIGGERS),
    ]
