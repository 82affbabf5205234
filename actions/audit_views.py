"""Local audits: a board's audits, running one (drafts, then completion), and the anonymised national view."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from reviews.models import Board

from .audits import SMALL_NUMBER, answer_counts, compare_with_previous, most_often_not_met, national_audit_figures
from .forms import AuditForm, StartAuditForm
from .models import Audit, AuditAnswer, AuditTemplate
from .permissions import can_edit_board, can_read_board_work
from .services import AuditError, AuditIncomplete, audit_complete, audit_save, audit_start
from .views import forbidden, staff_login_required


def _templates_ready():
    """Audit templates that have at least one version of questions (others cannot be audited yet)."""
    return (
        AuditTemplate.objects.filter(versions__isnull=False).distinct().select_related("theme").order_by("theme__name")
    )


@staff_login_required
@require_http_methods(["GET", "POST"])
def board_audits(request: HttpRequest, slug: str) -> HttpResponse:
    board = get_object_or_404(Board.objects.select_related("region"), slug=slug)
    if not can_read_board_work(request.user, board):
        return forbidden(request, "You can only see the audits of boards you are an editor for.")
    can_start = can_edit_board(request.user, board, "actions.add_audit")
    form = StartAuditForm(request.POST or None, templates=list(_templates_ready()))
    if request.method == "POST":
        if not can_start:
            return forbidden(request, "You can read this board's audits but not start one.")
        if form.is_valid():
            try:
                audit = audit_start(board=board, template=form.cleaned_data["template"], user=request.user)
            except AuditError as error:
                form.add_error("template", str(error))
            else:
                return redirect("actions:audit", pk=audit.pk)
    audits = (
        Audit.objects.filter(board=board)
        .select_related("template__theme", "version", "completed_by", "started_by")
        .prefetch_related("answers")
        .order_by("status", "template__theme__name", "-completed_at")
    )
    rows = [(audit, answer_counts(audit)) for audit in audits]
    context = {"board": board, "rows": rows, "form": form, "can_start": can_start}
    return render(request, "actions/board_audits.html", context)


def _get_audit_for_user(request: HttpRequest, pk: int) -> Audit:
    audits = Audit.objects.visible_to(request.user).select_related(
        "board__region", "template__theme", "version", "completed_by", "started_by"
    )
    return get_object_or_404(audits, pk=pk)


@staff_login_required
@require_http_methods(["GET", "POST"])
def audit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft is a form for the board's editors; a completed audit (or any audit, for inspectors) is read-only."""
    audit = _get_audit_for_user(request, pk)
    answers = list(
        AuditAnswer.objects.filter(audit=audit).select_related("question").order_by("question__position", "id")
    )
    audit._prefetched_objects_cache = {"answers": answers}
    previous = audit.previous_completed()
    previous_answers = {}
    if previous:
        previous_answers = {a.question.key: a for a in previous.answers.select_related("question")}
    can_edit = not audit.is_completed and can_edit_board(request.user, audit.board, "actions.change_audit")

    if request.method == "POST":
        if not can_edit:
            if audit.is_completed:
                messages.error(request, "This audit is completed and can no longer be changed.")
                return redirect("actions:audit", pk=audit.pk)
            return forbidden(request, "You can read this audit but not change it.")
        form = AuditForm(request.POST, answers=answers)
        saved_as_draft = False
        if form.is_valid():
            try:
                if request.POST.get("intent") == "complete":
                    audit_complete(audit=audit, user=request.user, answers=form.answers())
                    messages.success(request, "Audit completed. It is now dated and read-only.")
                else:
                    audit_save(audit=audit, user=request.user, answers=form.answers())
                    messages.success(request, "Draft saved. You can come back and finish it later.")
                return redirect("actions:audit", pk=audit.pk)
            except AuditIncomplete as incomplete:
                # The answers were saved; say what is missing next to each question.
                saved_as_draft = True
                numbers = {row.question_id: number for number, row in enumerate(answers, start=1)}
                for question_id, problems in incomplete.problems.items():
                    for field, text in problems.items():
                        # The summary lists every question's problems: say which question each is about.
                        form.add_error(
                            f"q{question_id}-{field}", f"Question {numbers[question_id]}: {text[0].lower()}{text[1:]}"
                        )
            except AuditError as error:
                messages.error(request, str(error))
                return redirect("actions:audit", pk=audit.pk)
        context = {
            "audit": audit,
            "form": form,
            "previous": previous,
            "previous_answers": previous_answers,
            "saved_as_draft": saved_as_draft,
        }
        return render(request, "actions/audit_form.html", context)

    if can_edit:
        form = AuditForm(answers=answers)
        context = {"audit": audit, "form": form, "previous": previous, "previous_answers": previous_answers}
        return render(request, "actions/audit_form.html", context)
    context = {
        "audit": audit,
        "answers": answers,
        "counts": answer_counts(audit),
        "comparison": compare_with_previous(audit, previous=previous) if audit.is_completed else None,
        "previous": previous,
    }
    return render(request, "actions/audit_detail.html", context)


def national_audits(request: HttpRequest) -> HttpResponse:
    themes = national_audit_figures()
    context = {"themes": themes, "most_not_met": most_often_not_met(themes), "small_number": SMALL_NUMBER}
    return render(request, "actions/national_audits.html", context)
