from django import forms
from django.utils.translation import gettext_lazy as _

from recommendations.models import Status


class CommuniqueFilterForm(forms.Form):
    """The communiqué's filters. Both are optional; a value the form does not
    know is reported and ignored, so the page always renders."""

    theme = forms.ChoiceField(
        label=_("Theme"),
        required=False,
        error_messages={
            "invalid_choice": _("That is not a theme of this communiqué; all themes are shown.")
        },
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        error_messages={
            "invalid_choice": _("That is not a status we know; all statuses are shown.")
        },
    )

    def __init__(self, data, *, themes):
        super().__init__(data)
        self.fields["theme"].choices = [("", _("All themes"))] + [
            (theme.slug, theme.name) for theme in themes
        ]
        self.fields["status"].choices = [("", _("All statuses")), *Status.choices]

    def valid_values(self) -> dict:
        """The filters that are valid, even when the other is not."""
        self.is_valid()
        return {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if name not in self.errors and value
        }
