from django import forms


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The 6-digit code your authenticator app shows now, or one of your recovery codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
    )

    def clean_code(self) -> str:
        # People copy codes with spaces ("123 456") or type recovery codes in capitals.
        return "".join(self.cleaned_data["code"].split()).lower()


class SetUpForm(CodeForm):
    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=20,
        help_text="The 6-digit code the app shows after you add the key.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )
