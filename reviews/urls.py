from django.urls import path

from . import views

app_name = "reviews"
urlpatterns = [
    path("", views.home, name="home"),
    path("reviews/", views.review_list, name="list"),
    path("reviews/<slug:slug>/", views.review_detail, name="detail"),
    path("reviews/<slug:slug>/document/", views.review_document, name="document"),
    path("boards/<slug:slug>/", views.board_detail, name="board"),
]
