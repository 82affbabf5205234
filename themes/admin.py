from django.contrib import admin
from django.db.models import Count, Q

from accounts.permissions import NationalContentAdmin

from .models import Theme
from .review_admin import SuggestingReviewAdmin  # noqa: F401  (registers the Review admin with suggestions)


@admin.register(Theme)
class ThemeAdmin(NationalContentAdmin, admin.ModelAdmin):  # the taxonomy: national content
    list_display = ["name", "group", "slug"]
    list_filter = ["group"]
    search_fields = ["name", "synonyms"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        themes = super().get_queryset(request)
        if request.user.is_superuser:
            themes = themes.annotate(
                suggestions_decided=Count("suggestion_decisions"),
                suggestions_accepted=Count("suggestion_decisions", filter=Q(suggestion_decisions__accepted=True)),
            )
        return themes

    def get_list_display(self, request):
        # Only superusers look after the suggestion model, so only they see how editors judge each theme's.
        if request.user.is_superuser:
            return [*self.list_display, "suggestion_acceptance"]
        return self.list_display

    @admin.display(description="Suggestions accepted", ordering="suggestions_accepted")
    def suggestion_acceptance(self, theme) -> str:
        decided = getattr(theme, "suggestions_decided", 0)
        if not decided:
            return "none decided yet"
        accepted = theme.suggestions_accepted
        return f"{accepted / decided:.0%} ({accepted} of {decided})"
