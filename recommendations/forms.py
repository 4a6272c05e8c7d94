"""The communiqué page's filters, and the forms the admin builds its
recommendation pages on."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from recommendations import services
from recommendations.models import Recommendation, Status


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


class NumberedForm(forms.ModelForm):
    """A numbered row. Its number is checked by the form, not by the
    database's constraint: in an inline against the other rows
    (NumberedFormSet.clean), since the saved rows may be renumbered in the
    same submit, 3 and 4 swapped, say; on a new recommendation's page against
    its communiqué's numbers (RecommendationForm.clean)."""

    def validate_constraints(self):
        exclude = self._get_validation_exclusions() | {"number"}
        try:
            self.instance.validate_constraints(exclude=exclude)
        except ValidationError as error:
            self._update_errors(error)


class RowAlreadyRead(forms.ModelChoiceField):
    """The hidden id of a formset row, looked up among the rows the formset
    has read in its one query, where Django would ask the database once a
    row: a communiqué of 200 recommendations is saved in as many queries as
    one of 27. An id that is not one of those rows is refused."""

    def __init__(self, queryset, *, rows: dict, **kwargs):
        super().__init__(queryset, **kwargs)
        self.rows = rows

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return self.rows[self.queryset.model._meta.pk.to_python(value)]
        except (KeyError, TypeError, ValidationError):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            ) from None


class RecommendationForm(NumberedForm):
    """A recommendation's own page. A new one takes a number its communiqué
    does not use and leaves no gap below it: the next free number, which the
    page offers."""

    @staticmethod
    def next_number(communique_id: int) -> int:
        used = Recommendation.objects.filter(communique=communique_id).values_list(
            "number", flat=True
        )
        return _next_free(list(used))

    def clean(self):
        cleaned_data = super().clean()
        communique, number = cleaned_data.get("communique"), cleaned_data.get("number")
        if self.instance._state.adding and communique and number:
            used = list(communique.recommendations.values_list("number", flat=True))
            if number in used:
                self.add_error(
                    "number",
                    _(
                        "Number %(number)s is already used in this communiqué: the next free "
                        "number is %(next)s."
                    )
                    % {"number": number, "next": _next_free(used)},
                )
            elif number > max(used, default=0) + 1:
                self.add_error(
                    "number",
                    _("Recommendations are numbered with no gap: the next free number is %(next)s.")
                    % {"next": _next_free(used)},
                )
        return cleaned_data


def _next_free(used: list[int]) -> int:
    missing = services.numbering_problems(used).missing
    return missing[0] if missing else max(used, default=0) + 1
