"""Static files as production serves them: every file a page loads has the content's hash in its name, so that
browsers keep it for a year (whitenoise's header for hashed names) rather than asking again after a minute."""

import re

from django.conf import settings
from django.core.files.storage import FileSystemStorage

from scrportal.storage import StaticFilesStorage


def test_app_js_imports_govuk_frontend_under_its_hashed_name(tmp_path):
    sources = {
        "js/app.js": settings.BASE_DIR / "static" / "js" / "app.js",
        "govuk/govuk-frontend.min.js": settings.BASE_DIR
        / "node_modules"
        / "govuk-frontend"
        / "dist"
        / "govuk"
        / "govuk-frontend.min.js",
    }
    storage = StaticFilesStorage(location=tmp_path, base_url=settings.STATIC_URL)
    found = {}
    for name, source in sources.items():
        origin = FileSystemStorage(location=source.parent)
        with origin.open(source.name) as handle:
            storage.save(name, handle)
        found[name] = (origin, source.name)
    list(storage.post_process(found))

    app_js = (tmp_path / storage.stored_name("js/app.js")).read_text()
    (imported,) = re.findall(r'from "([^"]+)"', app_js)
    hashed = storage.stored_name("govuk/govuk-frontend.min.js")
    assert hashed != "govuk/govuk-frontend.min.js"
    assert imported == settings.STATIC_URL + hashed


def test_pages_preload_the_script_app_js_imports(client, db):
    page = client.get("/").content.decode()
    assert '<link rel="modulepreload" href="/static/govuk/govuk-frontend.min.js">' in page
