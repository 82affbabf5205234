import time

from django import forms
from django.core import signing

from .models import Discipline

# A person reads the question before answering; a script posts at once or replays an old form.
MIN_SECONDS_TO_ANSWER = 3
MAX_FORM_AGE_SECONDS = 24 * 60 * 60
COMMENT_MAX_LENGTH = 1000


def form_started_token(at: float | None = None) -> str:
    """A signed note of when the form was shown, checked when it comes back."""
    return signing.dumps({"t": time.time() if at is None else at}, salt="learning.form-started")


class SpamCheckedForm(forms.Form):
    """A public form with two quiet checks: a field people never see, and the time since the form was shown."""

    # People never see this field (hidden by CSS); form-filling robots tend to fill every field they find.
    website = forms.CharField(required=False, label="Leave this empty")
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["started"].initial = form_started_token()
        self.caught_robot = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            self.caught_robot = True
        try:
            started = float(signing.loads(cleaned.get("started") or "", salt="learning.form-started")["t"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            raise forms.ValidationError("Something went wrong with the form. Please answer again.") from None
        age = time.time() - started
        if age < MIN_SECONDS_TO_ANSWER:
            raise forms.ValidationError("That was sent very quickly. Please check your answer and send it again.")
        if age > MAX_FORM_AGE_SECONDS:
            raise forms.ValidationError("This form was open for more than a day. Please answer again.")
        return cleaned

    def fresh_started(self) -> str:
        return form_started_token()


class FeedbackForm(SpamCheckedForm):
    helpful = forms.TypedChoiceField(
        label="Did this help your practice?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if this review helped your practice, or no if it did not"},
    )
    discipline = forms.ChoiceField(
        label="Your discipline (optional)",
        choices=[("", "Choose your discipline"), *Discipline.choices],
        required=False,
    )
    comment = forms.CharField(
        label="What did you take from it? (optional)",
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": f"Your comment must be {COMMENT_MAX_LENGTH} characters or fewer"},
    )

    def clean_discipline(self) -> str:
        return self.cleaned_data.get("discipline") or Discipline.NOT_SAID


class SubscribeForm(SpamCheckedForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
