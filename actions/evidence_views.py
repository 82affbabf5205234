"""The inspection evidence pack: for the board's own editors and for inspectors, not the public.

It holds what the public pages do not: progress notes and evidence files, and the board's own audit results
(the public national audit view is anonymised precisely so that no board's results can be picked out).
"""

import datetime
import zlib

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from reviews import freshness
from reviews.models import Board

from .evidence import EvidencePack, build_evidence_pack, published_evidence
from .evidence_zip import evidence_zip
from .forms import PeriodForm
from .permissions import can_read_board_work
from .tracker import CACHE_VERSION
from .views import forbidden, staff_login_required


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The three years to today: the usual span an inspection looks back over."""
    try:
        start = today.replace(year=today.year - 3)
    except ValueError:  # 29 February
        start = today.replace(year=today.year - 3, day=28)
    return start + datetime.timedelta(days=1), today


def _pack_request(request: HttpRequest, slug: str):
    """(board, form, (start, end) or None when the period asked for is not valid) or a 403 response."""
    board = get_object_or_404(Board.objects.select_related("region"), slug=slug)
    if not can_read_board_work(request.user, board):
        return forbidden(request, "The evidence pack is for the board's own editors and for inspectors.")
    start, end = default_period(timezone.localdate())
    form = PeriodForm(request.GET if "start-year" in request.GET else None, initial={"start": start, "end": end})
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    period = (start, end) if not form.is_bound or form.is_valid() else None
    return board, form, period


def _pack_for_page(board: Board, start: datetime.date, end: datetime.date) -> tuple[EvidencePack, str]:
    """The pack and the HTML of its reviews, recommendations and actions. That part, and the figures from published
    reviews, are the same for everyone who may see the pack and change only with what moves the tracker's generation
    on (a review published, withdrawn or changed, an action or an update, a name shown): cached under it, as the
    national tracker is, so a board with hundreds of reviews in the period is not rendered again for each view.
    Audits, drafts and feedback are read afresh."""
    today = timezone.localdate()  # overdue tags depend on the date

    def compute():
        published = published_evidence(board=board, start=start, end=end)
        html = render_to_string("actions/includes/evidence_reviews.html", {"published": published})
        published.reviews = []  # the page needs their HTML only
        # A megabyte of HTML for hundreds of reviews is a tenth of that compressed: less to store and to read back.
        return published, zlib.compress(html.encode(), 1)

    key = f"v{CACHE_VERSION}:evidence:{board.pk}:{start.isoformat()}:{end.isoformat()}:{today.isoformat()}"
    published, html = freshness.cached(freshness.TRACKER, key, compute)
    pack = build_evidence_pack(board=board, start=start, end=end, published=published)
    return pack, mark_safe(zlib.decompress(html).decode())  # noqa: S308 - rendered (and escaped) by the template


@staff_login_required
def evidence_pack(request: HttpRequest, slug: str) -> HttpResponse:
    result = _pack_request(request, slug)
    if isinstance(result, HttpResponse):
        return result
    board, form, period = result
    pack, reviews_html = _pack_for_page(board, *period) if period else (None, "")
    query = request.GET.urlencode()
    context = {
        "board": board,
        "form": form,
        "pack": pack,
        "reviews_html": reviews_html,
        "query": query,
        "user_name": request.user.get_username(),
    }
    return render(request, "actions/evidence_pack.html", context, status=200 if pack else 400)


@staff_login_required
def evidence_pack_zip(request: HttpRequest, slug: str) -> HttpResponse:
    result = _pack_request(request, slug)
    if isinstance(result, HttpResponse):
        return result
    board, form, period = result
    if period is None:
        return render(request, "actions/evidence_pack.html", {"board": board, "form": form, "pack": None}, status=400)
    pack = build_evidence_pack(board=board, start=period[0], end=period[1])
    site = request.build_absolute_uri("/").rstrip("/")
    filename = f"evidence-pack-{board.slug}-{pack.start:%Y%m%d}-{pack.end:%Y%m%d}.zip"
    return FileResponse(
        evidence_zip(pack, site=site), as_attachment=True, filename=filename, content_type="application/zip"
    )
