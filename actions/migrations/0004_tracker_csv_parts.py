"""The tracker CSV's stored parts (actions.summary_models.TrackerCsvPart), and triggers that note in
actions_trackerchange every review whose CSV rows show something that changed and migration 0003 does not watch:
the words of an action or a recommendation, a review's title, address or date, and the names of its board, region,
themes and actions' agencies. The recount of a noted review marks its part out of date (actions.tracker_summary).

A rename notes every review it shows on (a theme's: thousands), once per statement.
"""

from django.db import migrations, models

NOTE = "INSERT INTO actions_trackerchange (review_id)"

TRIGGERS = f"""
CREATE FUNCTION actions_tracker_note_renamed_board() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {NOTE} SELECT id FROM reviews_review WHERE board_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE FUNCTION actions_tracker_note_renamed_region() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {NOTE} SELECT r.id FROM reviews_review r JOIN reviews_board b ON b.id = r.board_id WHERE b.region_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE FUNCTION actions_tracker_note_renamed_theme() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {NOTE} SELECT review_id FROM reviews_review_themes WHERE theme_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE FUNCTION actions_tracker_note_renamed_agency() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {NOTE} SELECT DISTINCT rec.review_id FROM actions_action a
        JOIN reviews_recommendation rec ON rec.id = a.recommendation_id WHERE a.agency_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER actions_tracker_action_words AFTER UPDATE OF description, agency_id, not_accepted_reason
    ON actions_action FOR EACH ROW
    WHEN ((OLD.description, OLD.agency_id, OLD.not_accepted_reason)
        IS DISTINCT FROM (NEW.description, NEW.agency_id, NEW.not_accepted_reason))
    EXECUTE FUNCTION actions_tracker_note_changed_action();
CREATE TRIGGER actions_tracker_recommendation_words AFTER UPDATE OF text, position ON reviews_recommendation
    FOR EACH ROW WHEN ((OLD.text, OLD.position) IS DISTINCT FROM (NEW.text, NEW.position))
    EXECUTE FUNCTION actions_tracker_note_moved_row();
CREATE TRIGGER actions_tracker_review_words AFTER UPDATE OF title, slug, published_on ON reviews_review
    FOR EACH ROW WHEN ((OLD.title, OLD.slug, OLD.published_on) IS DISTINCT FROM (NEW.title, NEW.slug, NEW.published_on))
    EXECUTE FUNCTION actions_tracker_note_changed_review();
CREATE TRIGGER actions_tracker_board_name AFTER UPDATE OF name, region_id ON reviews_board
    FOR EACH ROW WHEN ((OLD.name, OLD.region_id) IS DISTINCT FROM (NEW.name, NEW.region_id))
    EXECUTE FUNCTION actions_tracker_note_renamed_board();
CREATE TRIGGER actions_tracker_region_name AFTER UPDATE OF name ON reviews_region
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION actions_tracker_note_renamed_region();
CREATE TRIGGER actions_tracker_theme_name AFTER UPDATE OF name ON themes_theme
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION actions_tracker_note_renamed_theme();
CREATE TRIGGER actions_tracker_agency_name AFTER UPDATE OF name ON reviews_agency
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION actions_tracker_note_renamed_agency();
"""

DROP_TRIGGERS = """
DROP TRIGGER actions_tracker_action_words ON actions_action;
DROP TRIGGER actions_tracker_recommendation_words ON reviews_recommendation;
DROP TRIGGER actions_tracker_review_words ON reviews_review;
DROP TRIGGER actions_tracker_board_name ON reviews_board;
DROP TRIGGER actions_tracker_region_name ON reviews_region;
DROP TRIGGER actions_tracker_theme_name ON themes_theme;
DROP TRIGGER actions_tracker_agency_name ON reviews_agency;
DROP FUNCTION actions_tracker_note_renamed_board();
DROP FUNCTION actions_tracker_note_renamed_region();
DROP FUNCTION actions_tracker_note_renamed_theme();
DROP FUNCTION actions_tracker_note_renamed_agency();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0003_tracker_summary"),
        ("themes", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="TrackerCsvPart",
            fields=[
                ("review_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("board_name", models.TextField()),
                ("published_on", models.DateField(null=True)),
                ("layout", models.IntegerField()),
                ("current", models.BooleanField(default=True)),
                ("built_on", models.DateField()),
                ("stale_on", models.DateField(null=True)),
                ("rows", models.TextField()),
            ],
            options={
                "indexes": [
                    models.Index(fields=["board_name", "published_on", "review_id"], name="actions_csvpart_order_idx")
                ],
            },
        ),
        migrations.RunSQL(TRIGGERS, DROP_TRIGGERS),
    ]
