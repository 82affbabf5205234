"""Forms for board editors, with GOV.UK wording for errors. Templates render them with templates/actions/includes/."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateformat import format as format_date

from reviews.models import Agency

from .files import check_evidence_file
from .models import Action, AuditAnswer


class DateInput(forms.Widget):
    """The GOV.UK date input: day, month and year boxes named <name>-day, <name>-month, <name>-year."""

    PARTS = ("day", "month", "year")

    def value_from_datadict(self, data, files, name):
        parts = [(data.get(f"{name}-{part}") or "").strip() for part in self.PARTS]
        if not any(parts):
            return None
        return parts  # checked by GovukDateField.to_python

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}-{part}" in data for part in self.PARTS)


class GovukDateField(forms.Field):
    widget = DateInput

    def __init__(self, *, label: str, past_only: bool = False, **kwargs):
        self.past_only = past_only
        super().__init__(label=label, **kwargs)
        self.error_messages["required"] = f"Enter the {label.lower()}"

    def to_python(self, value):
        if value in (None, "", []):
            return None
        if isinstance(value, datetime.date):
            return value
        day, month, year = value
        name = self.label.capitalize()
        missing = [part for part, text in zip(DateInput.PARTS, value, strict=True) if not text]
        if missing:
            raise ValidationError(f"{name} must include a {' and a '.join(missing)}")
        try:
            date = datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(f"{name} must be a real date") from None
        if not 1990 <= date.year <= 2100:
            raise ValidationError(f"{name} must be a real date, with a four-digit year")
        return date

    def validate(self, value):
        super().validate(value)
        if value and self.past_only and value > timezone.localdate():
            raise ValidationError(f"{self.label.capitalize()} must be today or in the past")

    def parts(self, value) -> dict[str, str]:
        """What to show in the three boxes for a bound or initial value."""
        if isinstance(value, datetime.date):
            return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
        if isinstance(value, list | tuple):
            return dict(zip(DateInput.PARTS, value, strict=True))
        return {}


class ActionForm(forms.Form):
    description = forms.CharField(
        label="What will be done",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Enter what will be done"},
    )
    agency = forms.ModelChoiceField(
        label="Agency responsible",
        queryset=Agency.objects.all(),
        required=False,
        empty_label="The partnership as a whole",
        error_messages={"invalid_choice": "Select an agency from the list"},
    )
    agreed_on = GovukDateField(label="Date agreed", past_only=True, help_text="For example, 27 3 2025")
    due_on = GovukDateField(label="Due date", help_text="For example, 30 9 2025")

    def clean(self):
        cleaned = super().clean()
        agreed, due = cleaned.get("agreed_on"), cleaned.get("due_on")
        if agreed and due and due < agreed:
            self.add_error("due_on", "Due date must be the same as or after the date agreed")
        return cleaned


class ProgressUpdateForm(forms.Form):
    written_on = GovukDateField(label="Date of update", past_only=True, help_text="For example, 27 3 2025")
    text = forms.CharField(
        label="What has happened",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        error_messages={"required": "Enter what has happened"},
    )
    impact = forms.CharField(
        label="Evidence of impact (optional)",
        help_text="What difference has it made to children, adults or practice, and how do you know?",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        required=False,
    )
    attachment = forms.FileField(
        label="Attach evidence (optional)",
        help_text="A PDF, Word document, Excel spreadsheet, PNG or JPEG image. Only board staff and inspectors can "
        "download it.",
        required=False,
    )
    status = forms.ChoiceField(
        label="Status of the action after this update",
        choices=Action.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the status of the action", "invalid_choice": "Select a status"},
    )
    not_accepted_reason = forms.CharField(
        label="Why was the action not accepted?",
        help_text="Required if the action was not accepted. This is shown on the public review page.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )

    def __init__(self, *args, action: Action, **kwargs):
        self.action = action
        super().__init__(*args, **kwargs)

    def clean_attachment(self):
        uploaded = self.cleaned_data.get("attachment")
        self.attachment_kind = ""
        if uploaded:
            self.attachment_kind = check_evidence_file(uploaded)
        return uploaded

    def clean(self):
        cleaned = super().clean()
        status, written_on = cleaned.get("status"), cleaned.get("written_on")
        if status == Action.Status.NOT_ACCEPTED and not (cleaned.get("not_accepted_reason") or "").strip():
            self.add_error("not_accepted_reason", "Enter why the action was not accepted")
        if written_on and written_on < self.action.agreed_on:
            self.add_error(
                "written_on",
                f"Date of update must be on or after the date the action was agreed "
                f"({format_date(self.action.agreed_on, 'j F Y')})",
            )
        return cleaned


class StartAuditForm(forms.Form):
    template = forms.ChoiceField(
        label="Which theme do you want to audit?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select a theme to audit", "invalid_choice": "Select a theme to audit"},
    )

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.templates = {str(t.pk): t for t in templates}
        self.fields["template"].choices = [(str(t.pk), t.theme.name) for t in templates]

    def clean_template(self):
        return self.templates[self.cleaned_data["template"]]


class AuditForm(forms.Form):
    """One set of fields per question: answer (radios), evidence and the action if not met. Drafts may be partial;
    what completion needs is checked by services.audit_complete."""

    def __init__(self, *args, answers: list[AuditAnswer], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for row in answers:
            prefix = f"q{row.question_id}"
            self.fields[f"{prefix}-answer"] = forms.ChoiceField(
                label=row.question.text,
                choices=AuditAnswer.Answer.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=row.answer,
                help_text=row.question.guidance,
                error_messages={"invalid_choice": "Select met, partly met, not met or not applicable"},
            )
            self.fields[f"{prefix}-evidence"] = forms.CharField(
                label="Evidence",
                help_text="What shows this? For example, a case file audit, a survey of staff or a policy.",
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                initial=row.evidence,
                max_length=10000,
            )
            self.fields[f"{prefix}-action"] = forms.CharField(
                label="Action if not met",
                help_text="What you will do about it, who will do it and by when.",
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                initial=row.action,
                max_length=10000,
            )
            self.rows.append((row, prefix))

    def answers(self) -> dict[int, dict[str, str]]:
        """{question id: {answer, evidence, action}} from valid data, for the services."""
        return {
            row.question_id: {
                "answer": self.cleaned_data.get(f"{prefix}-answer") or "",
                "evidence": self.cleaned_data.get(f"{prefix}-evidence") or "",
                "action": self.cleaned_data.get(f"{prefix}-action") or "",
            }
            for row, prefix in self.rows
        }

    def questions(self):
        """(number, answer row, answer field, evidence field, action field) for the template."""
        for number, (row, prefix) in enumerate(self.rows, start=1):
            yield number, row, self[f"{prefix}-answer"], self[f"{prefix}-evidence"], self[f"{prefix}-action"]


class PeriodForm(forms.Form):
    start = GovukDateField(label="Start date", help_text="For example, 1 4 2022")
    end = GovukDateField(label="End date", help_text="For example, 31 3 2025")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", "End date must be the same as or after the start date")
        return cleaned
