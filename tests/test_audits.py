"""Local audits: versioned templates, drafts and completion, repeat comparison, permissions, the national view."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actions.audits import SMALL_NUMBER, compare_with_previous, national_audit_figures
from actions.models import Audit, AuditTemplate
from actions.services import AuditError, AuditIncomplete, audit_complete, audit_start, template_freeze_version

from .action_fixtures import clients
from .factories import BoardFactory, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def neglect() -> AuditTemplate:
    """The starter template made by the data migration: three questions, version 1."""
    return AuditTemplate.objects.get(theme__slug="neglect")


def answers_for(audit: Audit, *values: str) -> dict[int, dict[str, str]]:
    """Answers in question order, with evidence, and an action where not met."""
    rows = audit.answers.select_related("question").order_by("question__position")
    return {
        row.question_id: {
            "answer": value,
            "evidence": "" if value == "not-applicable" else f"Evidence {i}",
            "action": "Put it right by March." if value == "not-met" else "",
        }
        for i, (row, value) in enumerate(zip(rows, values, strict=True), start=1)
    }


def completed_audit(board, template, *values: str, user=None) -> Audit:
    audit = audit_start(board=board, template=template, user=user)
    return audit_complete(audit=audit, user=user, answers=answers_for(audit, *values))


def form_data(audit: Audit, values: list[str], intent: str) -> dict:
    data = {"intent": intent}
    for question_id, given in answers_for(audit, *values).items():
        for field, value in given.items():
            data[f"q{question_id}-{field}"] = value
    return data


# ---------------------------------------------------------------------------------------------------------------
# Versions


def _admin_form(template: AuditTemplate, texts: list[str]) -> dict:
    questions = list(template.questions.order_by("position"))
    data = {
        "introduction": template.introduction,
        "questions-TOTAL_FORMS": str(len(texts)),
        "questions-INITIAL_FORMS": str(len(questions)),
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
        "versions-TOTAL_FORMS": str(template.versions.count()),
        "versions-INITIAL_FORMS": str(template.versions.count()),
    }
    for i, text in enumerate(texts):
        data[f"questions-{i}-position"] = str(i + 1)
        data[f"questions-{i}-text"] = text
        data[f"questions-{i}-guidance"] = ""
        data[f"questions-{i}-template"] = str(template.pk)
        if i < len(questions):
            data[f"questions-{i}-id"] = str(questions[i].pk)
            data[f"questions-{i}-guidance"] = questions[i].guidance
    for i, version in enumerate(template.versions.order_by("-number")):
        data[f"versions-{i}-id"] = str(version.pk)
        data[f"versions-{i}-template"] = str(template.pk)
    return data


def test_editing_questions_in_the_admin_makes_a_new_version_and_old_audits_keep_theirs(
    neglect, board_a, editor, superuser_client
):
    old_texts = list(neglect.questions.order_by("position").values_list("text", flat=True))
    first = completed_audit(board_a, neglect, "met", "not-met", "partly-met", user=editor)

    url = reverse("admin:actions_audittemplate_change", args=[neglect.pk])
    unchanged = superuser_client.post(url, _admin_form(neglect, old_texts))
    assert unchanged.status_code == 302
    assert neglect.versions.count() == 1  # saving without changing the questions makes no new version

    new_texts = [old_texts[0], "Cumulative harm is recognised, not only single incidents, and recorded.", old_texts[2]]
    response = superuser_client.post(url, _admin_form(neglect, [*new_texts, "A brand new question?"]))
    assert response.status_code == 302
    assert list(neglect.versions.values_list("number", flat=True)) == [2, 1]
    latest = neglect.latest_version()
    assert [q.text for q in latest.questions.all()] == [*new_texts, "A brand new question?"]

    # The completed audit still answers the questions it was asked.
    first.refresh_from_db()
    assert first.version.number == 1
    assert [a.question.text for a in first.answers.order_by("question__position")] == old_texts
    page = signed_in(editor)
    assert old_texts[1] in page.get(reverse("actions:audit", args=[first.pk])).content.decode()

    # A new audit uses the new version; the reworded question compares with last time (same key).
    second = audit_start(board=board_a, template=neglect, user=editor)
    assert second.version == latest and second.answers.count() == 4
    second = audit_complete(
        audit=second, user=editor, answers=answers_for(second, "met", "met", "not-met", "not-applicable")
    )
    comparison = compare_with_previous(second)
    assert [(q.before, q.after, q.change) for q in comparison.questions] == [
        ("Met", "Met", "same"),
        ("Not met", "Met", "better"),
        ("Partly met", "Not met", "worse"),
        ("", "Not applicable", "new question"),
    ]
    assert (comparison.better, comparison.worse, comparison.same) == (1, 1, 1)


def test_removing_a_question_is_shown_as_dropped_in_the_next_comparison(neglect, board_a, editor):
    completed_audit(board_a, neglect, "met", "met", "met", user=editor)
    neglect.questions.order_by("position").last().delete()
    assert template_freeze_version(template=neglect, user=None).number == 2
    second = completed_audit(board_a, neglect, "not-met", "met", user=editor)
    comparison = compare_with_previous(second)
    assert comparison.worse == 1 and comparison.same == 1
    assert comparison.dropped == ["Plans for neglect have clear timescales for improvement."]


# ---------------------------------------------------------------------------------------------------------------
# Running an audit


def test_editor_runs_an_audit_saving_a_draft_then_completing_it(neglect, board_a, editor, editor_client):
    start = editor_client.post(reverse("actions:board-audits", args=[board_a.slug]), {"template": neglect.pk})
    audit = Audit.objects.get(board=board_a)
    assert start.status_code == 302 and start["Location"] == reverse("actions:audit", args=[audit.pk])
    url = reverse("actions:audit", args=[audit.pk])

    draft = form_data(audit, ["met", "not-met", "partly-met"], "draft")
    question_ids = list(audit.answers.order_by("question__position").values_list("question_id", flat=True))
    draft[f"q{question_ids[2]}-answer"] = ""  # not answered yet
    assert editor_client.post(url, draft).status_code == 302
    audit.refresh_from_db()
    assert audit.status == "draft"
    assert list(audit.answers.order_by("question__position").values_list("answer", flat=True)) == [
        "met",
        "not-met",
        "",
    ]
    # Completing with something missing keeps the answers and says what is missing, by question.
    incomplete = form_data(audit, ["met", "not-met", "partly-met"], "complete")
    incomplete[f"q{question_ids[1]}-action"] = ""
    incomplete[f"q{question_ids[2]}-evidence"] = ""
    response = editor_client.post(url, incomplete)
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert (
        f'href="#id_q{question_ids[1]}-action">Question 2: enter the action you will take, as this is not met' in page
    )
    assert f'href="#id_q{question_ids[2]}-evidence">Question 3: enter the evidence for your answer' in page
    assert "Your answers are saved as a draft" in page
    audit.refresh_from_db()
    assert audit.status == "draft" and audit.answers.get(question_id=question_ids[2]).answer == "partly-met"

    done = editor_client.post(url, form_data(audit, ["met", "not-met", "partly-met"], "complete"))
    assert done.status_code == 302
    audit.refresh_from_db()
    assert audit.status == "completed" and audit.completed_by == editor
    assert audit.completed_at.date() == timezone.localdate()
    page = editor_client.get(url).content.decode()
    assert "It can no longer be changed" in page and 'name="intent"' not in page
    assert f"Completed on {timezone.localtime(audit.completed_at):%-d %B %Y}" in page


def test_completed_audits_are_read_only(neglect, board_a, editor, editor_client):
    audit = completed_audit(board_a, neglect, "met", "met", "met", user=editor)
    response = editor_client.post(
        reverse("actions:audit", args=[audit.pk]), form_data(audit, ["not-met", "not-met", "not-met"], "draft")
    )
    assert response.status_code == 302
    assert set(audit.answers.values_list("answer", flat=True)) == {"met"}
    with pytest.raises(AuditError, match="can no longer be changed"):
        audit_complete(audit=audit, user=editor, answers=answers_for(audit, "met", "met", "met"))


def test_a_board_has_one_draft_per_theme_at_a_time(neglect, board_a, editor):
    first = audit_start(board=board_a, template=neglect, user=editor)
    assert audit_start(board=board_a, template=neglect, user=editor) == first
    with pytest.raises(AuditIncomplete):
        audit_complete(audit=first, user=editor)


def test_repeat_audit_page_shows_change_since_the_last_one(neglect, board_a, editor, editor_client):
    completed_audit(board_a, neglect, "not-met", "partly-met", "met", user=editor)
    second = completed_audit(board_a, neglect, "met", "partly-met", "not-met", user=editor)
    page = editor_client.get(reverse("actions:audit", args=[second.pk])).content.decode()
    assert "Change since the last audit" in page
    assert "<strong>1 better</strong>, <strong>1 worse</strong>, 1 the same" in page
    # And the next draft shows last time's answer under each question.
    third = audit_start(board=board_a, template=neglect, user=editor)
    draft_page = editor_client.get(reverse("actions:audit", args=[third.pk])).content.decode()
    assert draft_page.count("Last audit: <strong>") == 3


# ---------------------------------------------------------------------------------------------------------------
# Who may see and do what


@pytest.mark.parametrize(
    ("persona", "board_page", "audit_page", "may_change"),
    [
        ("anonymous", 302, 302, False),
        ("colleague", 403, 404, False),
        ("owner", 200, 200, True),
        ("superuser", 200, 200, True),
        ("inspector", 200, 200, False),
    ],
)
def test_audit_pages_are_for_the_boards_editors_and_inspectors(
    persona,
    board_page,
    audit_page,
    may_change,
    neglect,
    board_a,
    editor,
    editor_client,
    other_editor_client,
    superuser_client,
    inspector_client,
):
    client = clients(editor_client, other_editor_client, superuser_client, inspector_client)[persona]
    audit = audit_start(board=board_a, template=neglect, user=editor)
    board_url = reverse("actions:board-audits", args=[board_a.slug])
    audit_url = reverse("actions:audit", args=[audit.pk])
    assert client.get(board_url).status_code == board_page
    response = client.get(audit_url)
    assert response.status_code == audit_page
    if audit_page == 200:
        assert ('name="intent"' in response.content.decode()) == may_change

    client.post(audit_url, form_data(audit, ["met", "met", "met"], "complete"))
    client.post(board_url, {"template": AuditTemplate.objects.get(theme__slug="safe-sleep").pk})
    audit.refresh_from_db()
    assert (audit.status == "completed") == may_change
    assert Audit.objects.filter(template__theme__slug="safe-sleep").exists() == may_change


def test_audit_templates_are_edited_by_the_national_team_not_board_editors(neglect, editor_client, superuser_client):
    url = reverse("admin:actions_audittemplate_change", args=[neglect.pk])
    assert superuser_client.get(url).status_code == 200
    assert editor_client.get(url).status_code == 403
    assert editor_client.get(reverse("admin:actions_audittemplate_changelist")).status_code == 403


def test_audit_admin_is_read_only_and_shows_only_the_editors_boards(neglect, board_a, board_b, editor, editor_client):
    mine = completed_audit(board_a, neglect, "met", "met", "met", user=editor)
    theirs = completed_audit(board_b, neglect, "met", "met", "met")
    changelist = editor_client.get(reverse("admin:actions_audit_changelist")).content.decode()
    assert board_a.name in changelist and board_b.name not in changelist
    assert editor_client.get(reverse("admin:actions_audit_change", args=[mine.pk])).status_code == 200
    response = editor_client.get(reverse("admin:actions_audit_change", args=[theirs.pk]), follow=True)
    assert board_b.name not in response.content.decode()
    assert editor_client.post(reverse("admin:actions_audit_delete", args=[mine.pk]), {"post": "yes"}).status_code == 403


# ---------------------------------------------------------------------------------------------------------------
# The national view


def _boards(n: int, prefix: str):
    return [BoardFactory(name=f"{prefix} Board {i}") for i in range(n)]


def test_national_view_suppresses_themes_with_fewer_than_five_boards(neglect):
    safe_sleep = AuditTemplate.objects.get(theme__slug="safe-sleep")
    for board in _boards(SMALL_NUMBER - 1, "Few"):
        completed_audit(board, safe_sleep, "not-met", "met", "met")
    for i, board in enumerate(_boards(SMALL_NUMBER, "Many")):
        completed_audit(board, neglect, "not-met" if i < 3 else "met", "met", "not-applicable")

    figures = {t.theme.slug: t for t in national_audit_figures()}
    assert figures["safe-sleep"].suppressed and figures["safe-sleep"].boards == SMALL_NUMBER - 1
    assert all(q.not_met == q.met == 0 for q in figures["safe-sleep"].questions)  # zeroed, not just hidden
    assert not figures["neglect"].suppressed
    first, second, third = figures["neglect"].questions
    assert (first.not_met, first.met, first.boards) == (3, 2, 5)
    assert (second.met, second.boards) == (5, 5)
    assert third.suppressed and third.boards == 0  # everyone said not applicable

    page = Client().get(reverse("actions:national-audits")).content.decode()
    assert "Board 0" not in page and "Board 4" not in page  # no board is named
    assert page.count("Fewer than 5 boards have completed this audit") == 1
    assert "3 of 5" in page and "60%" in page
    most = page[page.index("Questions most often not met") : page.index("By theme")]
    assert neglect.questions.order_by("position").first().text in most
    assert "Bruising" not in most  # the suppressed safe sleep question never appears


def test_national_view_counts_each_boards_latest_completed_audit_once(neglect):
    boards = _boards(SMALL_NUMBER, "Repeat")
    for board in boards:
        completed_audit(board, neglect, "not-met", "met", "met")
    for board in boards[:2]:  # two boards improved on a repeat audit
        completed_audit(board, neglect, "met", "met", "met")
    audit_start(board=boards[2], template=neglect, user=None)  # drafts never count
    first = {t.theme.slug: t for t in national_audit_figures()}["neglect"].questions[0]
    assert (first.boards, first.not_met, first.met) == (5, 3, 2)


def test_national_view_query_count_is_fixed(neglect, django_assert_num_queries):
    for board in _boards(SMALL_NUMBER, "Count"):
        completed_audit(board, neglect, "not-met", "met", "met")
    with django_assert_num_queries(4):
        Client().get(reverse("actions:national-audits"))
