"""Static files as whitenoise serves them in production: compressed, with the content's hash in each name."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    # app.js imports GOV.UK Frontend's script: with the import rewritten to the hashed name, browsers keep both
    # for a year (whitenoise's header for hashed names) instead of asking again after a minute.
    support_js_module_import_aggregation = True
