from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "SCR Learning Portal administration"
admin.site.site_title = "SCR Learning Portal"

urlpatterns = [
    path("admin/two-factor/", include("accounts.urls")),  # before the admin's own catch-all pattern
    path("admin/", admin.site.urls),
    path("themes/", include("themes.urls")),
    path("", include("reviews.urls")),
    # tracker/, boards/<slug>/tracker|actions|audits|evidence-pack/, actions/, audits/
    path("", include("actions.urls")),
    path("", include("learning.urls")),  # glossary/, briefings/, feeds/, alerts/, follow/, reviews/<slug>/feedback/
]

handler404 = "reviews.views.page_not_found"
handler500 = "reviews.views.server_error"
