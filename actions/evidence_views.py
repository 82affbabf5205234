"""The inspection evidence pack: for the board's own editors and for inspectors, not the public.

It holds what the public pages do not: progress notes and evidence files, and the board's own audit results
(the public national audit view is anonymised precisely so that no board's results can be picked out).
"""

import datetime

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from reviews.models import Board

from .evidence import build_evidence_pack, evidence_zip
from .forms import PeriodForm
from .permissions import can_read_board_work
from .views import forbidden, staff_login_required


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The three years to today: the usual span an inspection looks back over."""
    try:
        start = today.replace(year=today.year - 3)
    except ValueError:  # 29 February
        start = today.replace(year=today.year - 3, day=28)
    return start + datetime.timedelta(days=1), today


def _pack_request(request: HttpRequest, slug: str):
    """(board, form, pack or None) or a 403 response."""
    board = get_object_or_404(Board.objects.select_related("region"), slug=slug)
    if not can_read_board_work(request.user, board):
        return forbidden(request, "The evidence pack is for the board's own editors and for inspectors.")
    start, end = default_period(timezone.localdate())
    form = PeriodForm(request.GET if "start-year" in request.GET else None, initial={"start": start, "end": end})
    pack = None
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    if not form.is_bound or form.is_valid():
        pack = build_evidence_pack(board=board, start=start, end=end)
    return board, form, pack


@staff_login_required
def evidence_pack(request: HttpRequest, slug: str) -> HttpResponse:
    result = _pack_request(request, slug)
    if isinstance(result, HttpResponse):
        return result
    board, form, pack = result
    query = request.GET.urlencode()
    context = {"board": board, "form": form, "pack": pack, "query": query, "user_name": request.user.get_username()}
    return render(request, "actions/evidence_pack.html", context, status=200 if pack else 400)


@staff_login_required
def evidence_pack_zip(request: HttpRequest, slug: str) -> HttpResponse:
    result = _pack_request(request, slug)
    if isinstance(result, HttpResponse):
        return result
    board, form, pack = result
    if pack is None:
        return render(request, "actions/evidence_pack.html", {"board": board, "form": form, "pack": None}, status=400)
    site = request.build_absolute_uri("/").rstrip("/")
    filename = f"evidence-pack-{board.slug}-{pack.start:%Y%m%d}-{pack.end:%Y%m%d}.zip"
    return FileResponse(
        evidence_zip(pack, site=site), as_attachment=True, filename=filename, content_type="application/zip"
    )
