import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils.safestring import mark_safe

from learning.glossary import Glossary, forget_glossary, mark_up_acronyms
from learning.models import GlossaryTerm
from tests.factories import ReviewFactory

TERMS = Glossary.from_terms(
    [
        ("MASH", "Multi-agency safeguarding hub"),
        ("CP", "Child protection"),
        ("CPP", "Child protection plan"),
        ("A&E", "Accident and emergency department"),
        ("s47", "Section 47 of the Children Act 1989"),
        ("LSCB", "Local safeguarding children board"),
        ("GP", 'The "family" doctor & <friend>'),
    ]
)


def abbr(term: str, expansion: str) -> str:
    return f'<abbr title="{expansion}">{term}</abbr>'


@pytest.fixture(autouse=True)
def fresh_glossary():
    forget_glossary()
    yield
    forget_glossary()


def test_first_use_of_each_acronym_is_explained_and_later_uses_are_not():
    html = mark_up_acronyms("The MASH shared it. The MASH later agreed a CP plan.", TERMS)
    assert html == f"The {abbr('MASH', 'Multi-agency safeguarding hub')} shared it. The MASH later agreed a " + (
        f"{abbr('CP', 'Child protection')} plan."
    )


def test_longer_acronyms_win_and_parts_of_words_are_left_alone():
    html = mark_up_acronyms("A CPP is agreed. SCPs, CPPX and MASHED are not acronyms here.", TERMS)
    assert html == f"A {abbr('CPP', 'Child protection plan')} is agreed. SCPs, CPPX and MASHED are not acronyms here."


def test_plurals_count_as_a_use():
    assert mark_up_acronyms("Two LSCBs met.", TERMS) == f"Two {abbr('LSCBs', 'Local safeguarding children board')} met."


def test_plain_text_is_escaped_and_hostile_input_stays_text():
    hostile = "<script>alert('MASH')</script> & \"GP\" said s47 <b>x</b>"
    html = mark_up_acronyms(hostile, TERMS)
    assert "<script>" not in html and "<b>" not in html
    assert html == (
        "&lt;script&gt;alert(&#x27;"
        + abbr("MASH", "Multi-agency safeguarding hub")
        + "&#x27;)&lt;/script&gt; &amp; &quot;"
        + abbr("GP", "The &quot;family&quot; doctor &amp; &lt;friend&gt;")
        + "&quot; said "
        + abbr("s47", "Section 47 of the Children Act 1989")
        + " &lt;b&gt;x&lt;/b&gt;"
    )


def test_acronyms_containing_ampersands_are_found_in_escaped_text():
    html = mark_up_acronyms(mark_safe("Seen at A&amp;E twice; Q&amp;A not a term."), TERMS)
    assert html == f"Seen at {abbr('A&amp;E', 'Accident and emergency department')} twice; Q&amp;A not a term."


def test_highlighted_snippets_keep_their_marks_and_escaping():
    # What the search page shows: escaped text with <mark> around the words searched for.
    snippet = mark_safe("&lt;i&gt; The <mark>MASH</mark> and <mark>multi-agency CP</mark> &amp; <mark>GP</mark>s")
    html = mark_up_acronyms(snippet, TERMS)
    assert html == (
        "&lt;i&gt; The <mark>"
        + abbr("MASH", "Multi-agency safeguarding hub")
        + "</mark> and <mark>multi-agency "
        + abbr("CP", "Child protection")
        + "</mark> &amp; <mark>"
        + abbr("GP", "The &quot;family&quot; doctor &amp; &lt;friend&gt;")
        + "</mark>s"
    )


def test_a_mark_around_an_acronym_and_its_neighbours_is_untouched_outside_the_text():
    snippet = mark_safe('Before <mark class="hit">s47 enquiry</mark> after')
    html = mark_up_acronyms(snippet, TERMS)
    assert html == (
        'Before <mark class="hit">' + abbr("s47", "Section 47 of the Children Act 1989") + " enquiry</mark> after"
    )


def test_text_inside_existing_abbr_or_links_is_not_marked_again():
    snippet = mark_safe('<abbr title="x">MASH</abbr> then <a href="/m">MASH</a> then MASH')
    html = mark_up_acronyms(snippet, TERMS)
    assert html == '<abbr title="x">MASH</abbr> then <a href="/m">MASH</a> then ' + abbr(
        "MASH", "Multi-agency safeguarding hub"
    )


def test_acronyms_in_attribute_values_are_not_touched():
    snippet = mark_safe('<mark title="MASH">nothing here</mark>')
    assert mark_up_acronyms(snippet, TERMS) == snippet


def test_first_use_can_be_tracked_across_several_texts():
    seen: set[str] = set()
    first = mark_up_acronyms("MASH", TERMS, seen)
    second = mark_up_acronyms("MASH again", TERMS, seen)
    assert "<abbr" in first and second == "MASH again"


@pytest.mark.django_db
def test_the_template_filter_uses_the_glossary_kept_in_the_database():
    # The starting glossary comes from a migration.
    assert GlossaryTerm.objects.filter(term="MARAC").exists()
    template = Template("{% load learning %}{{ text|glossary }}")
    html = template.render(Context({"text": "Referred to MARAC <now>"}))
    assert html == 'Referred to <abbr title="Multi-agency risk assessment conference">MARAC</abbr> &lt;now&gt;'


@pytest.mark.django_db
def test_an_editors_change_to_the_glossary_shows_at_once():
    template = Template("{% load learning %}{{ text|glossary }}")
    assert "<abbr" not in template.render(Context({"text": "The XYZP met."}))
    GlossaryTerm.objects.create(term="XYZP", expansion="Example partnership")
    assert '<abbr title="Example partnership">XYZP</abbr>' in template.render(Context({"text": "The XYZP met."}))
    GlossaryTerm.objects.filter(term="XYZP").update(mark_up=False)
    forget_glossary()  # .update() sends no signal; a new request starts with a fresh glossary anyway
    assert "<abbr" not in template.render(Context({"text": "The XYZP met."}))


@pytest.mark.django_db
def test_terms_that_are_not_acronyms_are_listed_but_not_marked_up():
    template = Template("{% load learning %}{{ text|glossary }}")
    assert "<abbr" not in template.render(Context({"text": "Early help was offered."}))


@pytest.mark.django_db
def test_the_page_loads_the_glossary_once_however_many_texts_it_marks_up(django_assert_num_queries):
    template = Template("{% load learning %}{% for text in texts %}{{ text|glossary }}{% endfor %}")
    with django_assert_num_queries(1):
        html = template.render(Context({"texts": ["MASH"] * 20}))
    assert html.count("<abbr") == 20  # each text is its own first use


@pytest.mark.django_db
def test_glossary_page_lists_terms_with_their_meaning(client):
    page = client.get(reverse("learning:glossary")).content.decode()
    for term in ("LSCB", "LSCP", "MASH", "MARAC", "MAPPA", "CIN", "CPP", "LADO", "s47", "s17", "SUDI", "CSPR"):
        assert f">{term}</dt>" in page, term
    assert "Multi-agency safeguarding hub" in page
    assert "A&amp;E" in page


@pytest.mark.django_db
def test_duplicate_terms_are_refused_with_a_clear_message():
    from django.core.exceptions import ValidationError

    term = GlossaryTerm(term="mash", expansion="Again")
    with pytest.raises(ValidationError, match="already has this term"):
        term.full_clean()


@pytest.mark.django_db
def test_national_editors_can_edit_the_glossary_in_the_admin(national_editor_client):
    response = national_editor_client.post(
        reverse("admin:learning_glossaryterm_add"),
        {"term": "PPN", "expansion": "Public protection notice", "meaning": "", "kind": "acronym", "mark_up": "on"},
    )
    assert response.status_code == 302
    assert GlossaryTerm.objects.get(term="PPN").expansion == "Public protection notice"


@pytest.mark.django_db
def test_review_summary_and_findings_explain_acronyms(client, board_a):
    review = ReviewFactory(
        board=board_a,
        summary="The MASH received a referral <urgent>.",
        findings=["Nobody told the LADO.", "The MASH did not share it."],
    )
    page = client.get(review.get_absolute_url()).content.decode()
    assert '<abbr title="Multi-agency safeguarding hub">MASH</abbr> received a referral &lt;urgent&gt;.' in page
    assert '<abbr title="Local authority designated officer">LADO</abbr>' in page
