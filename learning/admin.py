from django.contrib import admin, messages
from django.db.models.functions import Lower
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import Truncator

from accounts.permissions import NationalContentAdmin
from reviews.models import Review

from .models import Feedback, GlossaryTerm, GoodPracticePoint, ReflectiveQuestion, ThemeLearning
from .services import feedback_moderate

# Email alert subscriptions are deliberately not registered: addresses are never shown or exported.

MODERATION_GUIDANCE = (
    "Publish comments that share learning about practice or about how the system worked. Do not publish comments "
    "that name or could identify a child, a family member or a practitioner; that blame a person or a service; "
    "that give case details; or that are abusive or advertising. Rejected comments are never shown. If in doubt, "
    "do not publish."
)


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(NationalContentAdmin, admin.ModelAdmin):
    list_display = ["term", "expansion", "kind", "mark_up"]
    list_filter = ["kind", "mark_up"]
    search_fields = ["term", "expansion", "meaning"]
    ordering = [Lower("term")]
    fields = ["term", "expansion", "meaning", "kind", "mark_up"]


class ReflectiveQuestionInline(NationalContentAdmin, admin.TabularInline):
    model = ReflectiveQuestion
    extra = 1
    fields = ["position", "text"]
    verbose_name = "question to reflect on"
    verbose_name_plural = "Questions to reflect on (shown on the theme page and in its seven-minute briefing)"


class GoodPracticePointInline(NationalContentAdmin, admin.TabularInline):
    model = GoodPracticePoint
    extra = 1
    fields = ["position", "text"]
    verbose_name = "good practice point"
    verbose_name_plural = "What good practice looks like"


@admin.register(ThemeLearning)
class ThemeLearningAdmin(NationalContentAdmin, admin.ModelAdmin):
    list_display = ["theme", "updated_at"]
    list_select_related = ["theme"]
    search_fields = ["theme__name"]
    filter_horizontal = ["related_themes"]
    fields = ["theme", "meaning", "why_it_matters", "related_themes"]
    inlines = [GoodPracticePointInline, ReflectiveQuestionInline]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["created_at", "review", "helpful", "discipline", "short_comment", "comment_status"]
    list_filter = ["comment_status", "helpful", "discipline"]
    list_select_related = ["review"]
    search_fields = ["comment", "review__title"]
    ordering = ["-created_at"]
    date_hierarchy = "created_at"
    fields = ["review", "helpful", "discipline", "comment", "comment_status", "created_at", "moderated_at"]
    readonly_fields = ["review", "helpful", "discipline", "comment", "created_at", "moderated_at"]
    actions = ["approve_comments", "reject_comments"]

    def get_queryset(self, request):
        # Editors moderate feedback on their own boards' reviews only.
        return super().get_queryset(request).filter(review__in=Review.objects.editable_by(request.user))

    def get_readonly_fields(self, request, obj=None):
        # An answer without a comment has nothing to moderate.
        if obj is not None and not obj.comment:
            return [*self.readonly_fields, "comment_status"]
        return self.readonly_fields

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "comment_status":
            kwargs["choices"] = [c for c in Feedback.CommentStatus.choices if c[0] != Feedback.CommentStatus.NONE]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def has_add_permission(self, request, obj=None):
        return False  # feedback comes only from practitioners, through the public form

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET":
            pending = self.get_queryset(request).filter(comment_status=Feedback.CommentStatus.PENDING).count()
            messages.info(request, f"{pending} comment{'s' if pending != 1 else ''} waiting. {MODERATION_GUIDANCE}")
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            messages.info(request, MODERATION_GUIDANCE)
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description="comment")
    def short_comment(self, feedback: Feedback) -> str:
        return Truncator(feedback.comment).chars(80) or "–"

    def save_model(self, request, obj, form, change):
        if "comment_status" in form.changed_data:
            if not obj.comment:
                obj.comment_status = Feedback.CommentStatus.NONE
            obj.moderated_by = request.user
            obj.moderated_at = timezone.now()
        super().save_model(request, obj, form, change)

    @admin.action(description="Publish the selected comments", permissions=["change"])
    def approve_comments(self, request: HttpRequest, queryset):
        count = feedback_moderate(
            feedback_ids=list(queryset.values_list("pk", flat=True)), approve=True, user=request.user
        )
        self.message_user(request, f"Published {count} comment{'s' if count != 1 else ''}.", messages.SUCCESS)

    @admin.action(description="Do not publish the selected comments", permissions=["change"])
    def reject_comments(self, request: HttpRequest, queryset):
        count = feedback_moderate(
            feedback_ids=list(queryset.values_list("pk", flat=True)), approve=False, user=request.user
        )
        self.message_user(request, f"{count} comment{'s' if count != 1 else ''} will not be shown.", messages.SUCCESS)
