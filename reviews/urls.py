from django.urls import path

from . import api, openapi, views

app_name = "reviews"
urlpatterns = [
    path("reviews/", views.review_list, name="list"),
    path("reviews/export.csv", api.review_export_csv, name="export"),
    path("api/reviews/", api.review_search_api, name="api-search"),
    path("api/openapi.json", openapi.openapi_json, name="api-openapi"),
    path("reviews/<slug:slug>/", views.review_detail, name="detail"),
    path("reviews/<slug:slug>/document/", views.review_document, name="document"),
]
