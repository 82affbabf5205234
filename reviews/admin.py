from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.timezone import localtime

from .admin_documents import add_items, fill_from_document, matching_board, report
from .admin_widgets import ReviewDocumentInput
from .documents import DocumentError, parse_document, read_upload
from .models import Agency, Board, Finding, Recommendation, Region, Review, ReviewEvent
from .permissions import boards_for, may_edit_review
from .services import review_publish, review_withdraw
from .signals import review_saved_in_admin, reviews_changed


class ReviewAdminForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = [
            "title",
            "slug",
            "reference",
            "review_type",
            "board",
            "published_on",
            "published_year_only",
            "source_url",
            "age_band",
            "source_document",
            "summary",
            "plain_summary",
            "themes",
            "agencies",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 20}), "source_document": ReviewDocumentInput}

    # Filled from an uploaded document when left empty; required again in clean() when there is none.
    document_fills = ("title", "slug", "review_type", "board", "summary")

    def __init__(self, *args, **kwargs):
        self.boards = kwargs.pop("boards", None)
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["source_document"].widget.review_slug = self.instance.slug
        for name in self.document_fills:
            self.fields[name].required = False
        self.fields[
            "summary"
        ].help_text = "Leave empty when you upload a document: its text is put here for you to check before publishing."
        self.fields["title"].help_text = "Leave empty to take the title and other details from an uploaded document."
        self.parsed = None
        self.filled: list[str] = []

    def clean_source_document(self):
        document = self.cleaned_data.get("source_document")
        if document and "source_document" in self.changed_data and hasattr(document, "content_type"):
            try:
                self.parsed = parse_document(read_upload(document), filename=document.name)
            except DocumentError as error:
                raise forms.ValidationError(str(error)) from None
            # The stored name comes from what the content is, not from what the file was called.
            document.name = f"executive-summary.{self.parsed.kind}"
        return document

    def clean(self):
        cleaned = super().clean()
        if self.parsed is not None:
            boards = self.boards if self.boards is not None else Board.objects.none()
            # Only empty fields are filled; the model instance is built from cleaned data after this.
            self.filled = fill_from_document(cleaned, self.parsed, boards=boards)
        messages_for = {
            "title": "Enter a title, or upload a document that has one.",
            "slug": "Enter a web address, or a title to make it from.",
            "review_type": "Choose the type of review, or upload a document that names it.",
            "board": "Choose the board.",
            "summary": "Enter the executive summary, or upload it as a PDF or Word document.",
        }
        for name, message in messages_for.items():
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, message)
        return cleaned


class BoardScopedInline:
    """Inlines follow their review: editable only on reviews of the user's boards."""

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and may_edit_review(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and may_edit_review(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and may_edit_review(request.user, obj)


class FindingInline(BoardScopedInline, admin.StackedInline):
    model = Finding
    extra = 0
    fields = ["position", "text"]


class RecommendationInline(BoardScopedInline, admin.StackedInline):
    model = Recommendation
    extra = 0
    fields = ["position", "text", "agency"]


class ReviewEventInline(admin.TabularInline):
    model = ReviewEvent
    extra = 0
    fields = ["at", "action", "user", "note"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = "History"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    form = ReviewAdminForm
    # Newest first, as editors mostly return to what they added last; columns named as people say them.
    list_display = ["title", "board", "type_label", "published_label", "status", "added"]
    ordering = ["-created_at", "-id"]
    list_filter = ["status", "review_type"]
    search_fields = ["title", "reference"]
    list_select_related = ["board"]
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["status", "first_published_at", "created_by", "updated_by", "created_at", "updated_at"]
    filter_horizontal = ["themes", "agencies"]
    inlines = [FindingInline, RecommendationInline, ReviewEventInline]
    actions = ["publish_selected", "withdraw_selected"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "reference", "review_type", "board", "status"]}),
        ("Publication", {"fields": ["published_on", "published_year_only", "source_url", "age_band"]}),
        ("Executive summary", {"fields": ["source_document", "summary", "plain_summary"]}),
        ("Tags", {"fields": ["themes", "agencies"]}),
        (
            "Record",
            {
                "fields": ["first_published_at", "created_by", "created_at", "updated_by", "updated_at"],
                "classes": ["collapse"],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).editable_by(request.user)

    @admin.display(description="Type", ordering="review_type")
    def type_label(self, obj: Review) -> str:
        return obj.get_review_type_display()

    @admin.display(description="Published", ordering="published_on")
    def published_label(self, obj: Review) -> str:
        if obj.published_on is None:  # a draft not yet dated
            return "–"
        return str(obj.published_on.year) if obj.published_year_only else date_format(obj.published_on, "j M Y")

    @admin.display(description="Added", ordering="created_at")
    def added(self, obj: Review) -> str:
        return date_format(localtime(obj.created_at), "j M Y")

    def get_list_filter(self, request):
        # Only superusers work across boards, so only they need to filter by board and region.
        extra = ["board__region", "board"] if request.user.is_superuser else []
        return [*self.list_filter, *extra]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        boards = boards_for(request.user)

        class WithBoards(form):
            def __init__(self, *args, **kwargs):
                kwargs.setdefault("boards", boards)
                super().__init__(*args, **kwargs)

        return WithBoards

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        boards = list(boards_for(request.user)[:2])
        if len(boards) == 1:  # most editors work for one board: choose it for them
            initial.setdefault("board", boards[0].pk)
        return initial

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "board":
            kwargs["queryset"] = boards_for(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and may_edit_review(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and may_edit_review(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        # Published reviews are withdrawn, never deleted: what a user saved is never lost.
        if obj is not None and obj.status != Review.Status.DRAFT:
            return False
        return super().has_delete_permission(request, obj) and may_edit_review(request.user, obj)

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm("reviews.publish_review")

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Files are written before the database transaction commits. If anything later in the save fails, the
        # transaction rolls back and the files written for it are removed, so no file outlives its row.
        request.stored_documents = []
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except Exception:
            for stored in request.stored_documents:
                stored.storage.delete(stored.name)
            raise

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser and not boards_for(request.user).filter(pk=obj.board_id).exists():
            raise PermissionDenied("You can only save reviews for your own boards.")
        previous_document = Review.objects.get(pk=obj.pk).source_document.name if change else ""
        new_document = "source_document" in form.changed_data
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        if new_document and obj.source_document:
            getattr(request, "stored_documents", []).append(obj.source_document)
        if new_document and previous_document:
            storage = obj.source_document.storage
            transaction.on_commit(lambda: storage.delete(previous_document))
        ReviewEvent.objects.create(
            review=obj,
            action=ReviewEvent.Action.CHANGED if change else ReviewEvent.Action.CREATED,
            user=request.user,
            note=", ".join(form.changed_data)[:300],
        )
        # Other apps may tell the editor about what was saved (learning: reading ease, very long sentences).
        review_saved_in_admin.send(sender=Review, request=request, review=obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.parsed is not None:
            items = add_items(form.instance, form.parsed)
            named = matching_board(form.parsed.board, boards_for(request.user))
            other = form.parsed.board if form.parsed.board and named != form.instance.board else ""
            messages.warning(request, report(form.parsed, form.filled, items, other_board=other))
        # Only now are findings, recommendations and tags saved: derived data can be brought up to date.
        # A draft or withdrawn review's changes show nowhere public: public pages' caches stay.
        public = form.instance.status == Review.Status.PUBLISHED
        reviews_changed.send(sender=Review, review_ids=[form.instance.pk], public=public)

    @admin.action(description="Publish selected reviews", permissions=["publish"])
    def publish_selected(self, request: HttpRequest, queryset):
        count = 0
        for review in queryset.editable_by(request.user):
            review_publish(review=review, user=request.user)
            count += 1
        self.message_user(request, f"Published {count} review{'s' if count != 1 else ''}.", messages.SUCCESS)

    @admin.action(description="Withdraw selected reviews from public view", permissions=["publish"])
    def withdraw_selected(self, request: HttpRequest, queryset):
        count = 0
        for review in queryset.editable_by(request.user).published():
            review_withdraw(review=review, user=request.user)
            count += 1
        self.message_user(request, f"Withdrew {count} review{'s' if count != 1 else ''}.", messages.SUCCESS)


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = ["name", "region"]
    list_filter = ["region"]
    search_fields = ["name"]
    list_select_related = ["region"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["editors"]

    def get_queryset(self, request):
        return boards_for(request.user).select_related("region")


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "nation"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
