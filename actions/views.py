"""Tracker pages (public, published reviews only) and board editors' pages for actions and progress updates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from reviews.downloads import uploaded_file_response
from reviews.models import Board, Recommendation, Review
from reviews.pagination import paginate
from reviews.spreadsheets import csv_download

from .forms import ActionForm, ProgressUpdateForm
from .models import Action, ProgressUpdate
from .permissions import can_edit_board, can_inspect, can_read_board_work, editable_boards
from .services import action_change, action_create, progress_update_add
from .tracker import Progress, overdue_actions
from .tracker_csv import CSV_HEADER, tracker_csv
from .tracker_sums import board_tracker_figures, national_tracker_data

staff_login_required = login_required(login_url="admin:login")


def forbidden(request: HttpRequest, message: str) -> HttpResponse:
    """A clear 403 page for signed-in users who may not do this."""
    return render(request, "actions/forbidden.html", {"message": message}, status=403)


def _recommendations_with_actions(reviews):
    """Reviews with their recommendations, each recommendation's actions (agency joined): three queries a page."""
    return reviews.prefetch_related(
        Prefetch(
            "recommendations",
            queryset=Recommendation.objects.select_related("agency").prefetch_related(
                Prefetch("actions", queryset=Action.objects.select_related("agency").order_by("due_on", "id"))
            ),
        )
    )


# ---------------------------------------------------------------------------------------------------------------
# Public trackers


def national_tracker(request: HttpRequest) -> HttpResponse:
    context = {
        **national_tracker_data(),
        "progress_choices": Progress.choices,
        "my_boards": editable_boards(request.user).select_related("region"),
        "is_inspector": can_inspect(request.user),
    }
    return render(request, "actions/national_tracker.html", context)


def national_tracker_csv(request: HttpRequest) -> StreamingHttpResponse:
    site = request.build_absolute_uri("/").rstrip("/")
    text = tracker_csv(Review.objects.published(), site=site)
    return csv_download(
        f"recommendations-and-actions-{timezone.localdate():%Y-%m-%d}.csv",
        CSV_HEADER,
        text,
        bom=True,
        streamed=True,
        written=True,
    )


def board_tracker(request: HttpRequest, slug: str) -> HttpResponse:
    board = get_object_or_404(Board.objects.select_related("region"), slug=slug)
    published = Review.objects.published().filter(board=board)
    reviews = _recommendations_with_actions(published.newest_first())
    context = {
        "board": board,
        "figures": board_tracker_figures(board),
        "overdue": overdue_actions(published, limit=50),
        "progress_choices": Progress.choices,
        "can_read_work": can_read_board_work(request.user, board),
        **paginate(request, reviews),
    }
    return render(request, "actions/board_tracker.html", context)


def board_tracker_csv(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    board = get_object_or_404(Board, slug=slug)
    site = request.build_absolute_uri("/").rstrip("/")
    text = tracker_csv(Review.objects.published().filter(board=board), site=site)
    return csv_download(
        f"{board.slug}-actions-{timezone.localdate():%Y-%m-%d}.csv",
        CSV_HEADER,
        text,
        bom=True,
        streamed=True,
        written=True,
    )


# ---------------------------------------------------------------------------------------------------------------
# Board editors' pages


@staff_login_required
def board_actions(request: HttpRequest, slug: str) -> HttpResponse:
    """Every review of the board (drafts too) with its recommendations and their actions, to work from."""
    board = get_object_or_404(Board.objects.select_related("region"), slug=slug)
    if not can_read_board_work(request.user, board):
        return forbidden(request, "You can only work on the actions of boards you are an editor for.")
    can_edit = can_edit_board(request.user, board, "actions.change_action")
    reviews = _recommendations_with_actions(Review.objects.filter(board=board).newest_first())
    context = {"board": board, "can_edit": can_edit, "today": timezone.localdate(), **paginate(request, reviews)}
    return render(request, "actions/board_actions.html", context)


def _get_action_for_user(request: HttpRequest, pk: int) -> Action:
    """The action if this user may read it in full (its board's editors, inspectors); 404 otherwise."""
    actions = Action.objects.visible_to(request.user).select_related(
        "agency", "recommendation__agency", "recommendation__review__board__region"
    )
    return get_object_or_404(actions, pk=pk)


def _may_change(request: HttpRequest, action: Action, perm: str) -> bool:
    return can_edit_board(request.user, action.recommendation.review.board, perm)


@staff_login_required
@require_http_methods(["GET", "POST"])
def action_add(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    recommendation = get_object_or_404(
        Recommendation.objects.filter(review__in=Review.objects.editable_by(request.user)).select_related(
            "review__board", "agency"
        ),
        pk=recommendation_id,
    )
    if not can_edit_board(request.user, recommendation.review.board, "actions.add_action"):
        return forbidden(request, "You do not have permission to add actions.")
    initial = {"agency": recommendation.agency, "agreed_on": timezone.localdate()}
    form = ActionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            action = action_create(recommendation=recommendation, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_model_errors(form, error)
        else:
            messages.success(request, "Action added.")
            return redirect("actions:action", pk=action.pk)
    return render(request, "actions/action_form.html", {"form": form, "recommendation": recommendation})


@staff_login_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = _get_action_for_user(request, pk)
    context = {
        "action": action,
        "review": action.recommendation.review,
        "updates": action.updates.select_related("created_by"),
        "events": action.events.select_related("user"),
        "can_edit": _may_change(request, action, "actions.change_action"),
        "can_update": _may_change(request, action, "actions.add_progressupdate"),
        "today": timezone.localdate(),
    }
    return render(request, "actions/action_detail.html", context)


@staff_login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = _get_action_for_user(request, pk)
    if not _may_change(request, action, "actions.change_action"):
        return forbidden(request, "You can read this action but not change it.")
    initial = {field: getattr(action, field) for field in ["description", "agency", "agreed_on", "due_on"]}
    form = ActionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            action_change(action=action, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_model_errors(form, error)
        else:
            messages.success(request, "Action changed. The change is recorded in its history.")
            return redirect("actions:action", pk=action.pk)
    context = {"form": form, "recommendation": action.recommendation, "action": action}
    return render(request, "actions/action_form.html", context)


@staff_login_required
@require_http_methods(["GET", "POST"])
def update_add(request: HttpRequest, pk: int) -> HttpResponse:
    action = _get_action_for_user(request, pk)
    if not _may_change(request, action, "actions.add_progressupdate"):
        return forbidden(request, "You can read this action but not add updates to it.")
    initial = {
        "written_on": timezone.localdate(),
        "status": action.status,
        "not_accepted_reason": action.not_accepted_reason,
    }
    form = ProgressUpdateForm(request.POST or None, request.FILES or None, action=action, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            progress_update_add(
                action=action,
                user=request.user,
                written_on=data["written_on"],
                text=data["text"],
                impact=data["impact"],
                status=data["status"],
                not_accepted_reason=data["not_accepted_reason"],
                attachment=data["attachment"],
                attachment_kind=form.attachment_kind,
            )
        except ValidationError as error:
            _add_model_errors(form, error)
        else:
            messages.success(request, "Update added.")
            return redirect("actions:action", pk=action.pk)
    return render(request, "actions/update_form.html", {"form": form, "action": action})


@staff_login_required
def update_attachment(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file, only for those who may read the action in full (never public, never served directly)."""
    update = get_object_or_404(
        ProgressUpdate.objects.filter(action__in=Action.objects.visible_to(request.user)).exclude(attachment=""),
        pk=pk,
    )
    try:
        handle = update.attachment.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing.") from None
    return uploaded_file_response(handle, stored_name=update.attachment.name, download_name=update.attachment_name)


def _add_model_errors(form, error: ValidationError) -> None:
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)
