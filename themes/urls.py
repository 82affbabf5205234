from django.urls import path

from . import views

app_name = "themes"
urlpatterns = [
    path("", views.theme_index, name="index"),
    # Before "<slug:slug>/": "dashboard" is not a theme.
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard.csv", views.dashboard_csv, name="dashboard-csv"),
    path("dashboard/<slug:region_slug>/", views.regional_dashboard, name="regional-dashboard"),
    path("dashboard/<slug:region_slug>.csv", views.regional_dashboard_csv, name="regional-dashboard-csv"),
    path("<slug:slug>/", views.theme_detail, name="detail"),
]
