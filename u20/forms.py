import zoneinfo

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from u20.models import Summit
from u20.text import unique_slug
from u20.zones import canonical_zone, canonical_zones, zone_choices, zone_label


class SlugFromTitleForm(forms.ModelForm):
    """A model form whose slug may be left empty: it is then made from the
    first source field that has text (English first, then Arabic), and made
    unique among the rows slug_scope() returns."""

    slug_sources: tuple[str, ...] = ("name_en", "name_ar")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _("Leave empty to make one from the title or name.")

    def slug_scope(self, cleaned_data):
        return self._meta.model._default_manager.all()

    def clean(self):
        cleaned_data = super().clean()
        if "slug" in self.fields and not cleaned_data.get("slug"):
            text = next(
                (cleaned_data[name] for name in self.slug_sources if cleaned_data.get(name)), ""
            )
            if text:
                scope = self.slug_scope(cleaned_data).exclude(pk=self.instance.pk)
                max_length = self._meta.model._meta.get_field("slug").max_length
                cleaned_data["slug"] = unique_slug(
                    text,
                    taken=lambda slug: scope.filter(slug=slug).exists(),
                    max_length=max_length,
                    fallback=self._meta.model._meta.model_name,
                )
        return cleaned_data


def _zone_choices_now() -> list[tuple[str, str]]:
    return zone_choices(get_language() or settings.LANGUAGE_CODE)


class ZoneSelect(forms.Select):
    """The time zones by name and offset ("Dubai time (UTC+4)"), labelled in
    the language of the page that renders it. zone-select.js puts a search
    box before it, labelled from the data- attributes set here; without the
    script the select is complete."""

    class Media:
        # The public pages load the script from base.html; this is for the
        # admin, whose pages include their forms' media.
        js = ["js/zone-select.js"]

    def get_context(self, name, value, attrs):
        attrs = {
            **(attrs or {}),
            "data-zone-select": "",
            "data-zone-search-label": gettext("Find a time zone"),
            "data-zone-no-match": gettext("No time zone matches your search."),
        }
        return super().get_context(name, value, attrs)

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        current = value[0] if value else ""
        # A legacy zone chosen before the list existed ("Etc/GMT+3") stays
        # on show rather than the first zone being sent in its place.
        if current not in canonical_zones() and current in zoneinfo.available_timezones():
            language = get_language() or settings.LANGUAGE_CODE
            label = zone_label(current, language, timezone.now().date())
            option = self.create_option(name, current, label, True, 0, attrs=attrs)
            groups.insert(0, (None, [option], 0))
        return groups


class ZoneField(forms.ChoiceField):
    """A time zone chosen from u20.zones' list; a legacy alias such as
    "Asia/Calcutta" is read as the zone it stands for. Used as a model form's
    field class for a CharField, whose max_length it has no use for."""

    widget = ZoneSelect
    default_error_messages = {"invalid_choice": _("Choose a time zone from the list.")}

    def __init__(self, *, max_length=None, **kwargs):
        super().__init__(choices=_zone_choices_now, **kwargs)

    def prepare_value(self, value):
        return canonical_zone(value) if isinstance(value, str) else value

    def to_python(self, value):
        return canonical_zone(super().to_python(value))

    def valid_value(self, value):
        return value in canonical_zones()


class SummitForm(forms.ModelForm):
    """The admin's summit form: its time zone picked from the list. The
    admin's fieldsets name the fields it shows."""

    class Meta:
        model = Summit
        # A list here would become the admin's own `fields` (modeltranslation
        # copies it), which Django refuses beside fieldsets.
        fields = "__all__"  # noqa: DJ007
        field_classes = {"time_zone": ZoneField}
        # Named here too, or the admin's text input for a CharField would win.
        widgets = {
            "time_zone": ZoneSelect,
            # Addresses read left to right, on the Arabic admin too.
            "embed_origins": AdminTextareaWidget(
                attrs={"dir": "ltr", "rows": 4, "spellcheck": "false", "autocapitalize": "off"}
            ),
        }


def add_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show what a service refused on form: beside the field it names when
    the form has that field, above the form otherwise (a model field the
    visitor does not type), so that a refusal is never a server error."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
