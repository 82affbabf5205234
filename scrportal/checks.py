"""A system check that stops `collectstatic` (and `check --deploy`) before it publishes a site without its styles.

Without the compiled CSS, collectstatic succeeds, and then every page fails with "Missing staticfiles manifest
entry" in production. The check runs with collectstatic because it carries the staticfiles tag.
"""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

BUILD_STEPS = "Run `npm ci` and `npm run build` (or `make css`) first."


def missing_front_end_files(base_dir: Path) -> list[str]:
    """The built or installed front-end files the pages need that are not there."""
    needed = [
        base_dir / "static" / "build" / "app.css",
        base_dir / "node_modules" / "govuk-frontend" / "dist" / "govuk" / "govuk-frontend.min.js",
    ]
    return [str(path.relative_to(base_dir)) for path in needed if not path.exists()]


@register(Tags.staticfiles, deploy=False)
def front_end_is_built(app_configs=None, **kwargs):
    missing = missing_front_end_files(Path(settings.BASE_DIR))
    if not missing:
        return []
    # In production every page needs them in the manifest; locally a page only looks unstyled.
    level = Warning if settings.DEBUG else Error
    return [
        level(
            f"The front-end files {', '.join(missing)} are missing, so pages would have no styles "
            f"(in production: fail with 'Missing staticfiles manifest entry').",
            hint=BUILD_STEPS,
            id="scrportal.E001" if level is Error else "scrportal.W001",
        )
    ]
