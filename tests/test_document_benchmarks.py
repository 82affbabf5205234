"""The commands that measure reading documents: evaluate_documents on the unseen reports, bench_document on a long
report built by the command itself."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_evaluate_documents_prints_each_fields_accuracy_and_theme_figures():
    out = StringIO()
    call_command("evaluate_documents", "--show", stdout=out)
    text = out.getvalue()
    assert "15 unseen documents (7 PDF, 8 DOCX)" in text
    for field in ("title", "review type", "year", "board", "findings recall", "recommendations recall"):
        assert f"  {field:<28} 100%" in text
    assert "Themes at score >= 0.5 (no trained model: the taxonomy alone): precision" in text
    assert "ms-a-dhr.pdf: 'Domestic Homicide Review: Overview Report into the death of Ms A' DHR 2023-02-02" in text


def test_bench_document_reads_the_long_report_it_builds_with_every_part():
    out = StringIO()
    call_command("bench_document", "--pages", "4", "--runs", "1", stdout=out)
    text = out.getvalue()
    assert "No trained model: suggestions from the taxonomy alone" in text
    assert "4 findings, 3 recommendations" in text
    assert "reading in the sandboxed process:" in text
    assert "reading, suggestions, similar and duplicate reviews:" in text
