from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from u20.times import parse_zone


class AgendaFilterForm(forms.Form):
    """The agenda's filters. Every field is optional; a value the form does not
    know is reported and ignored, so the agenda always renders."""

    day = forms.TypedChoiceField(label=_("Day"), required=False, coerce=date.fromisoformat)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    host = forms.ChoiceField(label=_("Host"), required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=100, strip=True)
    tz = forms.CharField(label=_("Time zone"), required=False, max_length=64)

    def __init__(self, data, *, days, themes, hosts, day_format):
        super().__init__(data)
        self.fields["day"].choices = [("", _("All days"))] + [
            (day.isoformat(), day_format(day)) for day in days
        ]
        self.fields["theme"].choices = [("", _("All themes"))] + [
            (theme.slug, theme.name) for theme in themes
        ]
        self.fields["host"].choices = [("", _("All hosts"))] + [
            (host.slug, str(host)) for host in hosts
        ]

    def clean_tz(self):
        name = self.cleaned_data["tz"]
        if name and parse_zone(name) is None:
            raise forms.ValidationError(
                _("“%(zone)s” is not a time zone we know; times are shown in the summit’s zone."),
                params={"zone": name},
            )
        return name

    def valid_values(self) -> dict:
        """The filters that are valid, even when others are not."""
        self.is_valid()
        return {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if name not in self.errors and value not in ("", None)
        }
