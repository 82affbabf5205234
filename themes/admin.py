from django.contrib import admin

from accounts.permissions import NationalContentAdmin

from .models import Theme


@admin.register(Theme)
class ThemeAdmin(NationalContentAdmin, admin.ModelAdmin):  # the taxonomy: national content
    list_display = ["name", "group", "slug"]
    list_filter = ["group"]
    search_fields = ["name", "synonyms"]
    prepopulated_fields = {"slug": ["name"]}
