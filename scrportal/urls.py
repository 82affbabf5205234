from django.contrib import admin
from django.urls import include, path

from themes.api import similar_reviews_api
from themes.views import board_detail

from . import views

admin.site.site_header = "SCR Learning Portal administration"
admin.site.site_title = "SCR Learning Portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("admin/two-factor/", include("accounts.urls")),  # before the admin's own catch-all pattern
    path("admin/", admin.site.urls),
    # A board's reviews with its theme profile (its tracker, actions and audits are under actions/).
    path("boards/<slug:slug>/", board_detail, name="board"),
    path("themes/", include("themes.urls")),
    # Served by themes (it knows themes and similarity), beside reviews' own /api/reviews/.
    path("api/reviews/<slug:slug>/similar/", similar_reviews_api, name="similar-reviews-api"),
    path("", include("reviews.urls")),
    # tracker/, boards/<slug>/tracker|actions|audits|evidence-pack/, actions/, audits/
    path("", include("actions.urls")),
    path("", include("learning.urls")),  # glossary/, briefings/, feeds/, alerts/, follow/, reviews/<slug>/feedback/
]

handler404 = "scrportal.views.page_not_found"
handler500 = "scrportal.views.server_error"
