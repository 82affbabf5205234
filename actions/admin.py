from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from reviews.permissions import may_edit_review

from .models import (
    Action,
    ActionEvent,
    Audit,
    AuditAnswer,
    AuditQuestion,
    AuditTemplate,
    AuditTemplateVersion,
    ProgressUpdate,
)
from .permissions import can_inspect
from .services import TRACKED_FIELDS, action_change, template_freeze_version


def _review_of(obj):
    return obj.recommendation.review if obj is not None else None


class ReadOnlyInline:
    """History and evidence are shown, never changed or removed here."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ProgressUpdateInline(ReadOnlyInline, admin.StackedInline):
    model = ProgressUpdate
    fields = ["written_on", "status", "text", "impact", "attachment_name", "created_by", "created_at"]
    readonly_fields = fields
    verbose_name_plural = "Progress updates (add them from the action's page on the site)"


class ActionEventInline(ReadOnlyInline, admin.TabularInline):
    model = ActionEvent
    fields = ["at", "kind", "user", "what_changed"]
    readonly_fields = fields
    verbose_name_plural = "History"

    @admin.display(description="What changed")
    def what_changed(self, event: ActionEvent) -> str:
        return format_html_join(
            "", "<div>{}: {} → {}</div>", ((c["field"], c["old"] or "–", c["new"] or "–") for c in event.changes)
        )


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["short_description", "review", "agency", "due_on", "status"]
    list_filter = ["status", "agency"]
    search_fields = ["description", "recommendation__review__title"]
    list_select_related = ["recommendation__review", "agency"]
    date_hierarchy = "due_on"
    fields = ["recommendation_text", *TRACKED_FIELDS, "site_link"]
    readonly_fields = ["recommendation_text", "site_link"]
    inlines = [ProgressUpdateInline, ActionEventInline]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def get_list_filter(self, request):
        extra = ["recommendation__review__board"] if request.user.is_superuser or can_inspect(request.user) else []
        return [*self.list_filter, *extra]

    @admin.display(description="What will be done")
    def short_description(self, action: Action) -> str:
        return action.description[:80]

    @admin.display(description="Review", ordering="recommendation__review__title")
    def review(self, action: Action) -> str:
        return action.recommendation.review.title

    @admin.display(description="Recommendation")
    def recommendation_text(self, action: Action) -> str:
        rec = action.recommendation
        return f"{rec.review.title}, recommendation {rec.position}: {rec.text}"

    @admin.display(description="On the site")
    def site_link(self, action: Action) -> str:
        if not action.pk:
            return "–"
        return format_html(
            '<a href="{}">Open the action page to add a progress update</a>',
            reverse("actions:action", args=[action.pk]),
        )

    def has_add_permission(self, request):
        # Actions are added against a recommendation from the board's actions page on the site.
        return False

    def has_view_permission(self, request, obj=None):
        if not super().has_view_permission(request, obj):
            return False
        return obj is None or can_inspect(request.user) or may_edit_review(request.user, _review_of(obj))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and may_edit_review(request.user, _review_of(obj))

    def has_delete_permission(self, request, obj=None):
        # What was agreed stays on record; an action that will not happen is marked "not accepted" with a reason.
        return False

    def save_model(self, request, obj, form, change):
        values = {field: form.cleaned_data[field] for field in TRACKED_FIELDS if field in form.changed_data}
        action_change(action=Action.objects.get(pk=obj.pk), user=request.user, **values)


class AuditQuestionInline(admin.TabularInline):
    model = AuditQuestion
    extra = 1
    fields = ["position", "text", "guidance"]


class AuditTemplateVersionInline(ReadOnlyInline, admin.TabularInline):
    model = AuditTemplateVersion
    fields = ["number", "created_at", "created_by", "question_count"]
    readonly_fields = fields
    verbose_name_plural = "Versions (each change to the questions makes a new one; audits keep theirs)"

    @admin.display(description="Questions")
    def question_count(self, version: AuditTemplateVersion) -> int:
        return version.questions.count()


@admin.register(AuditTemplate)
class AuditTemplateAdmin(admin.ModelAdmin):
    list_display = ["theme", "latest_version_number"]
    search_fields = ["theme__name"]
    list_select_related = ["theme"]
    inlines = [AuditQuestionInline, AuditTemplateVersionInline]

    def get_readonly_fields(self, request, obj=None):
        # A template belongs to its theme for good: boards' audits of the theme are compared across its versions.
        return ["theme"] if obj is not None else []

    @admin.display(description="Latest version")
    def latest_version_number(self, template: AuditTemplate) -> str:
        version = template.latest_version()
        return str(version.number) if version else "No questions yet"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        version = template_freeze_version(template=form.instance, user=request.user)
        if version is not None:
            self.message_user(
                request,
                f"The questions were saved as version {version.number}. Audits already started keep their version.",
                messages.SUCCESS,
            )


class AuditAnswerInline(ReadOnlyInline, admin.TabularInline):
    model = AuditAnswer
    fields = ["question", "answer", "evidence", "action"]
    readonly_fields = fields


@admin.register(Audit)
class AuditAdmin(admin.ModelAdmin):
    """Read-only: audits are run and completed on the site, where drafts and completion are handled."""

    list_display = ["template", "board", "status", "completed_at"]
    list_filter = ["status", "template__theme"]
    list_select_related = ["template__theme", "board"]
    fields = ["board", "template", "version", "status", "started_by", "completed_by", "completed_at"]
    readonly_fields = fields
    inlines = [AuditAnswerInline]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
