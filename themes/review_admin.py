"""The Review admin with suggestions: suggested themes and agencies with their confidence and telling sentences,
accepted or rejected one by one; a warning before saving an upload that is probably a review already in the
library; and links to reviews about the same family or incident.

Registered from themes (reviews must not import themes): reviews.admin.ReviewAdmin is unregistered and this
subclass registered in its place.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html

from reviews.admin import ReviewAdmin, ReviewAdminForm
from reviews.links import link_reviews, linked_reviews, unlink_reviews
from reviews.models import Agency, Review

from .models import Theme
from .suggestions.decisions import record_decision, suggestions_for_review
from .suggestions.duplicates import find_duplicate


class DuplicateCheckingReviewForm(ReviewAdminForm):
    not_a_duplicate = forms.BooleanField(
        required=False,
        label="This is not a duplicate: save it anyway",
        help_text="Tick only if you were told the review is probably already in the library and you checked it is not.",
    )
    user = None  # set by SuggestingReviewAdmin.get_form

    def clean(self):
        cleaned = super().clean()
        new_document = "source_document" in self.changed_data
        if self.errors or cleaned.get("not_a_duplicate") or not (self.instance.pk is None or new_document):
            return cleaned
        published = cleaned.get("published_on")
        duplicate = find_duplicate(
            # The summary alone: the title is compared on its own, and the form's title may be the editor's.
            text="\n".join([cleaned.get("summary") or "", *(self.parsed.findings if self.parsed else [])]),
            title=cleaned.get("title") or "",
            board=cleaned.get("board"),
            year=published.year if published else None,
            among=Review.objects.visible_to(self.user) if self.user else Review.objects.published(),
            exclude_id=self.instance.pk,
        )
        if duplicate is not None:
            review = duplicate.review
            editable = Review.objects.editable_by(self.user).filter(pk=review.pk).exists()
            url = reverse("admin:reviews_review_change", args=[review.pk]) if editable else review.get_absolute_url()
            raise ValidationError(
                format_html(
                    'This is probably a review already in the library ({}): <a href="{}">{}</a>. Nothing has been '
                    'saved. If it is not the same review, tick "This is not a duplicate" and save again.',
                    duplicate.reason,
                    url,
                    review.title,
                )
            )
        return cleaned


class SuggestingReviewAdmin(ReviewAdmin):
    form = DuplicateCheckingReviewForm
    change_form_template = "admin/themes/review_change_form.html"

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def get_fieldsets(self, request, obj=None):
        fieldsets = [(name, dict(options)) for name, options in super().get_fieldsets(request, obj)]
        for name, options in fieldsets:
            if name == "Executive summary" and "not_a_duplicate" not in options["fields"]:
                options["fields"] = [*options["fields"], "not_a_duplicate"]
        return fieldsets

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/suggestions/",
                self.admin_site.admin_view(self.decide_view),
                name="reviews_review_suggestion",
            ),
            path("<path:object_id>/links/", self.admin_site.admin_view(self.links_view), name="reviews_review_links"),
        ]
        return own + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        review = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if review is not None and self.has_change_permission(request, review):
            themes, agencies = suggestions_for_review(review)
            extra.update(
                suggested_themes=themes,
                suggested_agencies=agencies,
                linked_reviews=linked_reviews(review, request.user),
            )
        return super().change_view(request, object_id, form_url, extra)

    def _editable_review(self, request, object_id) -> Review:
        review = self.get_object(request, object_id)
        if review is None:
            raise Http404("No such review.")
        if not self.has_change_permission(request, review):
            raise PermissionDenied("You can only change your own boards' reviews.")
        return review

    def _back(self, review: Review) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:reviews_review_change", args=[review.pk]))

    @staticmethod
    def _confidence(raw: str) -> float:
        try:
            return min(1.0, max(0.0, float(raw)))
        except (TypeError, ValueError):
            return 0.0

    def decide_view(self, request, object_id):
        """Accept or reject one suggested theme or agency (POST: kind, slug, decision, confidence)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        review = self._editable_review(request, object_id)
        kind, slug, decision = (request.POST.get(key, "") for key in ("kind", "slug", "decision"))
        if kind not in {"theme", "agency"} or decision not in {"accept", "reject"}:
            messages.error(request, "That choice was not understood; nothing was changed.")
            return self._back(review)
        target = get_object_or_404(Theme if kind == "theme" else Agency, slug=slug)
        record_decision(
            review=review,
            user=request.user,
            accepted=decision == "accept",
            confidence=self._confidence(request.POST.get("confidence")),
            **{kind: target},
        )
        done = "Added" if decision == "accept" else "Rejected"
        messages.success(request, f"{done} the suggested {kind} {target.name}.")
        return self._back(review)

    def links_view(self, request, object_id):
        """Link this review to another (POST: other = its web address or slug, note) or unlink (unlink = slug)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        review = self._editable_review(request, object_id)
        unlink = request.POST.get("unlink", "").strip()
        wanted = unlink or request.POST.get("other", "").strip().rstrip("/").rsplit("/", 1)[-1]
        other = Review.objects.visible_to(request.user).filter(slug=wanted).first()
        if other is None:
            messages.error(request, "No review you can see has that web address; nothing was changed.")
            return self._back(review)
        try:
            if unlink:
                unlink_reviews(review=review, other=other, user=request.user)
                messages.success(request, f"Unlinked {other.title}.")
            else:
                link_reviews(review=review, other=other, user=request.user, note=request.POST.get("note", ""))
                messages.success(request, f"Linked to {other.title}; each review's page now shows the other.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return self._back(review)


admin.site.unregister(Review)
admin.site.register(Review, SuggestingReviewAdmin)
