from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "SCR Learning Portal administration"
admin.site.site_title = "SCR Learning Portal"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("themes/", include("themes.urls")),
    path("", include("reviews.urls")),
]

handler404 = "reviews.views.page_not_found"
handler500 = "reviews.views.server_error"
