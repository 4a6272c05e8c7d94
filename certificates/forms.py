from django import forms
from django.utils.translation import gettext_lazy as _

from certificates.models import parse_code


class LookupForm(forms.Form):
    """The verification page's look-up: a code as a person types it."""

    code = forms.CharField(
        label=_("Certificate code"),
        max_length=40,
        # Codes are Latin letters and digits, typed left to right on any page.
        widget=forms.TextInput(
            attrs={
                "dir": "ltr",
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
        help_text=_("As printed on the certificate, for example U20-7KQ2-M9XD."),
        error_messages={"required": _("Type the code printed on the certificate.")},
    )

    def clean_code(self) -> str:
        code = parse_code(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _(
                    "This is not a certificate code. A code looks like U20-7KQ2-M9XD: "
                    "eight letters and digits after U20."
                ),
                code="invalid_code",
            )
        return code


class RevokeForm(forms.Form):
    """The reason an organiser gives for revoking certificates."""

    reason = forms.CharField(
        label=_("Reason for revoking"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the certificate for the organisers; never shown in public."),
    )
