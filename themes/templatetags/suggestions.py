"""{% load suggestions %}{% similar_reviews review %}: "Reviews with similar learning" on a review page."""

from django import template

from themes.suggestions.similar import similar_reviews as find_similar

register = template.Library()


@register.inclusion_tag("themes/includes/similar_reviews.html")
def similar_reviews(review):
    return {"items": find_similar(review)}
