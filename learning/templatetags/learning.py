"""Template tags that put learning onto existing pages without changing their views.

{% load learning %}
{{ review.summary|glossary }}            first use of each acronym explained with <abbr title>
{% review_plain_summary review %}         the plain English summary, when there is one
{% review_readability review %}           reading ease of the summary, in plain words
{% review_learning_links review %}        seven-minute briefing and follow links (sidebar)
{% review_feedback review %}              "Did this help your practice?" with counts and comments
{% theme_learning theme %}                the learning section of a theme page
{% theme_feed_link theme %}               <link rel="alternate"> for a theme's feed (in {% block head %})
{% theme_synonyms theme as names %}       the theme's synonyms as names to read (co-sleeping, SIDS)
{% search_feed_link request.GET %}        <link rel="alternate"> for a search's feed
{% search_follow_links request.GET %}     feed and email alert links for a search page
"""

from django import template
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import format_html

from learning import theme_pages
from learning.feeds import search_feed_url
from learning.forms import FeedbackForm
from learning.glossary import current_glossary, mark_up_acronyms
from learning.models import Feedback
from learning.readability import cached_measure
from learning.searches import clean_search, search_query_string
from learning.theme_words import readable_synonyms

register = template.Library()

RECENT_COMMENTS = 5


@register.filter(is_safe=True)
def glossary(value):
    """Escapes `value` unless it is already safe HTML, then marks the first use of each glossary acronym."""
    if value is None:
        return ""
    return mark_up_acronyms(value, current_glossary())


@register.inclusion_tag("learning/includes/plain_summary.html")
def review_plain_summary(review) -> dict:
    return {"review": review}


@register.inclusion_tag("learning/includes/readability.html")
def review_readability(review) -> dict:
    return {"readability": cached_measure(review.summary), "review": review}


@register.inclusion_tag("learning/includes/review_links.html")
def review_learning_links(review) -> dict:
    return {"review": review, "themes": list(review.themes.all())}


@register.inclusion_tag("learning/includes/feedback.html", takes_context=True)
def review_feedback(context, review) -> dict:
    request = context.get("request")
    context_out = {"review": review, "public": review.is_public}
    if not review.is_public:
        return context_out
    feedback = Feedback.objects.filter(review=review)
    counts = feedback.counts_by_discipline()
    context_out.update(
        form=FeedbackForm(),
        counts=counts,
        total=sum(row["total"] for row in counts),
        helped=sum(row["yes"] for row in counts),
        # Only asked for when there are some: most reviews have none, and the page stays within its query budget.
        comments=list(feedback.approved_comments()[:RECENT_COMMENTS])
        if any(row["approved_comments"] for row in counts)
        else [],
        sent=request is not None and request.GET.get("feedback") == "sent",
    )
    return context_out


@register.inclusion_tag("learning/includes/theme_learning.html")
def theme_learning(theme) -> dict:
    learning = theme_pages.theme_learning_for(theme)
    frequency = theme_pages.theme_frequency(theme)
    return {
        "theme": theme,
        "learning": learning,
        "frequency": frequency,
        "recent_reviews": theme_pages.recent_reviews_with_findings(theme),
        "related": theme_pages.related_themes(theme, learning, frequency),
        "feedback": theme_pages.theme_feedback(theme),
    }


@register.simple_tag
def theme_synonyms(theme) -> list[str]:
    return readable_synonyms(theme, set(current_glossary().expansions))


@register.simple_tag
def theme_feed_link(theme) -> str:
    return format_html(
        '<link rel="alternate" type="application/atom+xml" title="New reviews on {}" href="{}">',
        theme.name.lower(),
        reverse("learning:feed-theme", args=[theme.slug]),
    )


@register.simple_tag
def search_feed_link(params: QueryDict) -> str:
    search = clean_search(params)
    # A fixed title: naming the filters would cost the search page a query per facet on every view.
    return format_html(
        '<link rel="alternate" type="application/atom+xml" title="{}" href="{}">',
        "New reviews matching this search" if search else "New reviews",
        search_feed_url(search),
    )


@register.inclusion_tag("learning/includes/search_follow_links.html")
def search_follow_links(params: QueryDict) -> dict:
    search = clean_search(params)
    query = search_query_string(search)
    return {
        "feed_url": search_feed_url(search),
        "alerts_url": reverse("learning:alert-subscribe") + (f"?{query}" if query else ""),
        "filtered": bool(search),
    }
