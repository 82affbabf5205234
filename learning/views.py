from django.db.models.functions import Lower
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from reviews.models import Agency, Board, Region, Review
from scrportal.ratelimit import client_address, rate_limited
from themes.models import Theme

from . import services
from .briefing_documents import briefing_docx
from .briefings import LEARNING_NOT_BLAME, review_briefing, theme_briefing
from .forms import FeedbackForm, SubscribeForm
from .models import GlossaryTerm
from .searches import clean_search, describe_search, search_query_string

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _published_review(slug: str) -> Review:
    return get_object_or_404(Review.objects.published().for_detail(), slug=slug)


# -----------------------------------------------------------------------------------------------------------------
# Glossary


def glossary(request: HttpRequest) -> HttpResponse:
    terms = list(GlossaryTerm.objects.order_by(Lower("term")))
    letters: dict[str, list[GlossaryTerm]] = {}
    for term in terms:
        first = term.term[0].upper()
        letters.setdefault(first if first.isalpha() else "#", []).append(term)
    return render(request, "learning/glossary.html", {"letters": letters, "count": len(terms)})


# -----------------------------------------------------------------------------------------------------------------
# Seven-minute briefings


def theme_briefing_page(request: HttpRequest, slug: str) -> HttpResponse:
    theme = get_object_or_404(Theme, slug=slug)
    briefing = theme_briefing(theme)
    return render(
        request, "learning/briefing.html", {"briefing": briefing, "theme": theme, "not_blame": LEARNING_NOT_BLAME}
    )


def theme_briefing_download(request: HttpRequest, slug: str) -> HttpResponse:
    briefing = theme_briefing(get_object_or_404(Theme, slug=slug))
    return _docx_response(briefing_docx(briefing, site_url=site_url(request)), briefing.file_name)


def review_briefing_page(request: HttpRequest, slug: str) -> HttpResponse:
    review = _published_review(slug)
    briefing = review_briefing(review)
    return render(
        request, "learning/briefing.html", {"briefing": briefing, "review": review, "not_blame": LEARNING_NOT_BLAME}
    )


def review_briefing_download(request: HttpRequest, slug: str) -> HttpResponse:
    briefing = review_briefing(_published_review(slug))
    return _docx_response(briefing_docx(briefing, site_url=site_url(request)), briefing.file_name)


def _docx_response(content: bytes, file_name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


# -----------------------------------------------------------------------------------------------------------------
# Frontline feedback


@rate_limited("feedback", methods=["POST"])
@require_http_methods(["GET", "POST"])
def review_feedback(request: HttpRequest, slug: str) -> HttpResponse:
    review = get_object_or_404(Review.objects.published(), slug=slug)
    if request.method == "GET":
        return redirect(f"{review.get_absolute_url()}#feedback")
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return _feedback_page(request, review, form, status=400)
    if form.caught_robot:
        return redirect(f"{review.get_absolute_url()}?feedback=sent#feedback")  # say nothing to robots
    try:
        services.feedback_record(
            review=review,
            helpful=form.cleaned_data["helpful"],
            discipline=form.cleaned_data["discipline"],
            comment=form.cleaned_data["comment"],
            ip=client_address(request),
        )
    except services.Refused as refusal:
        return _feedback_page(request, review, None, refusal=str(refusal), status=429)
    return redirect(f"{review.get_absolute_url()}?feedback=sent#feedback")


def _feedback_page(request, review, form, *, refusal: str = "", status: int = 200) -> HttpResponse:
    if form is not None:
        # A fresh start time, so that correcting the form is not itself "too quick" or "too old".
        form.data = form.data.copy()
        form.data["started"] = form.fresh_started()
    context = {"review": review, "form": form, "refusal": refusal}
    return render(request, "learning/feedback_page.html", context, status=status)


# -----------------------------------------------------------------------------------------------------------------
# Email alerts


@rate_limited("alerts", methods=["POST"])
@require_http_methods(["GET", "POST"])
def alert_subscribe(request: HttpRequest) -> HttpResponse:
    source = request.POST if request.method == "POST" else request.GET
    search = clean_search(source)
    form = SubscribeForm(request.POST) if request.method == "POST" else SubscribeForm()
    refusal = ""
    if request.method == "POST" and form.is_valid():
        if form.caught_robot:
            return redirect("learning:alert-sent")
        try:
            services.alert_subscribe(
                email=form.cleaned_data["email"], search=search, site_url=site_url(request), ip=client_address(request)
            )
        except services.Refused as error:
            refusal = str(error)
        else:
            return redirect("learning:alert-sent")
    if request.method == "POST" and not form.is_valid():
        form.data = form.data.copy()
        form.data["started"] = form.fresh_started()
    context = {
        "form": form,
        "search": search,
        "hidden": [(name, value) for name, values in search.items() for value in values],
        "description": describe_search(search),
        "feed_url": f"{reverse('learning:feed-search')}?{search_query_string(search)}".rstrip("?"),
        "refusal": refusal,
    }
    status = 429 if refusal else (400 if request.method == "POST" else 200)
    return render(request, "learning/alert_subscribe.html", context, status=status)


def alert_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "learning/alert_sent.html", {"days": services.CONFIRM_MAX_AGE.days})


@require_http_methods(["GET", "POST"])
def alert_confirm(request: HttpRequest, token: str) -> HttpResponse:
    # Confirming takes a button press, not just a visit: link checkers in mail systems open every link.
    subscription = services.subscription_from_token(token, "confirm")
    if subscription is None:
        return render(request, "learning/alert_link_problem.html", {"purpose": "confirm"}, status=404)
    if request.method == "POST":
        services.alert_confirm(subscription=subscription)
        return render(request, "learning/alert_confirmed.html", {"description": describe_search(subscription.query)})
    return render(
        request,
        "learning/alert_confirm.html",
        {"description": describe_search(subscription.query), "confirmed": subscription.confirmed_at is not None},
    )


# Mail programs' one-click unsubscribe (RFC 8058) posts here without a CSRF token; the signed token is the proof.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def alert_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    subscription = services.subscription_from_token(token, "unsubscribe")
    if request.method == "POST":
        if subscription is not None:
            services.alert_unsubscribe(subscription=subscription)
        # Unsubscribing twice (or with a link already used) ends in the same place.
        return render(request, "learning/alert_unsubscribed.html")
    if subscription is None:
        return render(request, "learning/alert_unsubscribed.html")
    return render(request, "learning/alert_unsubscribe.html", {"description": describe_search(subscription.query)})


# -----------------------------------------------------------------------------------------------------------------
# Feeds index


def follow(request: HttpRequest) -> HttpResponse:
    """Every feed and alert in one place: all reviews, and by theme, region and agency."""
    context = {
        "themes": Theme.objects.all(),
        "regions": Region.objects.all(),
        "agencies": Agency.objects.all(),
        "boards": Board.objects.only("name", "slug"),
    }
    return render(request, "learning/follow.html", context)
