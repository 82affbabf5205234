from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.two_factor, name="two-factor"),
    path("set-up/", views.two_factor_set_up, name="two-factor-set-up"),
]
