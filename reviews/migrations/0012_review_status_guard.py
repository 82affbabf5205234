"""The database refuses status changes made outside the publishing services (see reviews/status_guard.py)."""

from django.db import migrations

FORWARDS = """
CREATE FUNCTION reviews_review_status_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('scrportal.review_status_change', true), '') <> 'allowed' THEN
        RAISE EXCEPTION 'Review % cannot go from % to % here: a review is published or withdrawn only '
            'through reviews.services, which records who did it and when.', OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER reviews_review_status_guard
    BEFORE UPDATE OF status ON reviews_review
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION reviews_review_status_guard();
"""

BACKWARDS = """
DROP TRIGGER reviews_review_status_guard ON reviews_review;
DROP FUNCTION reviews_review_status_guard();
"""


class Migration(migrations.Migration):
    dependencies = [("reviews", "0011_cache_table")]
    operations = [migrations.RunSQL(FORWARDS, BACKWARDS)]
