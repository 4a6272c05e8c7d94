from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sessions.languages import language_name
from sessions.models import Participant, Session, Speaker
from sessions.selectors import summit_hosts, summit_languages
from u20.forms import SlugFromTitleForm, ZoneField, ZoneSelect
from u20.times import day_text, parse_zone


class AgendaFilterForm(forms.Form):
    """The agenda's filters. Every field is optional; a value the form does not
    know is reported and ignored, so the agenda always renders."""

    day = forms.TypedChoiceField(label=_("Day"), required=False, coerce=date.fromisoformat)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    host = forms.ChoiceField(label=_("Host"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=100, strip=True)
    tz = forms.CharField(label=_("Time zone"), required=False, max_length=64)

    def __init__(self, data, *, days, themes, hosts, day_format, languages=()):
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
        self.fields["language"].choices = [("", _("All languages"))] + [
            (code, language_name(code)) for code in languages
        ]

    @classmethod
    def for_summit(cls, data, summit) -> "AgendaFilterForm":
        """The filters of summit's agenda: its days, themes and hosts."""
        return cls(
            data,
            days=summit.days(),
            themes=summit.themes.all(),
            hosts=summit_hosts(summit),
            languages=summit_languages(summit),
            day_format=lambda day: day_text(day, summit, fmt="l j F"),
        )

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


PROFILE_FIELDS = ["full_name", "organisation", "role", "country", "language", "time_zone"]


class ProfileForm(forms.ModelForm):
    """The attendee's profile, on sign-up and on their own page."""

    class Meta:
        model = Participant
        fields = PROFILE_FIELDS
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name", "dir": "auto"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization", "dir": "auto"}),
            "country": forms.TextInput(attrs={"autocomplete": "country-name", "dir": "auto"}),
            # A small script selects the browser's zone in place of the default.
            "time_zone": ZoneSelect(attrs={"data-detect-time-zone": ""}),
        }
        field_classes = {"time_zone": ZoneField}


class SignupProfileForm(forms.Form):
    """allauth's sign-up form gains the profile fields (ACCOUNT_SIGNUP_FORM_CLASS).

    A plain form, as allauth builds its own form on top of this class; the
    fields and their checks are the profile form's.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        profile = ProfileForm(initial={"language": get_language() or "en"})
        for name in PROFILE_FIELDS:
            self.fields[name] = profile.fields[name]
            self.initial.setdefault(name, profile.initial.get(name, profile.fields[name].initial))

    def clean(self):
        cleaned_data = super().clean()
        profile = ProfileForm(data={name: cleaned_data.get(name) for name in PROFILE_FIELDS})
        profile.full_clean()
        for name, errors in profile.errors.items():
            if name in self.fields and name not in self.errors:
                for error in errors:
                    self.add_error(name, error)
        return cleaned_data

    def signup(self, request, user) -> None:
        participant = Participant(user=user, **{f: self.cleaned_data[f] for f in PROFILE_FIELDS})
        participant.full_clean()
        participant.save()


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password


# The admin's forms


class ParticipantAdminForm(forms.ModelForm):
    """An attendee's profile as organisers edit it: the time zone from the list."""

    class Meta:
        model = Participant
        fields = PROFILE_FIELDS
        field_classes = {"time_zone": ZoneField}
        widgets = {"time_zone": ZoneSelect}


class SpeakerForm(SlugFromTitleForm):
    class Meta:
        model = Speaker
        fields = "__all__"


class SessionForm(SlugFromTitleForm):
    slug_sources = ("title_en", "title_ar")
    # The zone the page told the organiser to type times in. Times are read in
    # the zone of the summit chosen on the form; when that is another one, the
    # form asks before saving times an hour or more off.
    typed_in_zone = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Session
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["typed_in_zone"].initial = timezone.get_current_timezone_name()

    def slug_scope(self, cleaned_data):
        return Session.objects.filter(summit=cleaned_data.get("summit"))

    def clean(self):
        cleaned_data = super().clean()
        if not (cleaned_data.get("title_en") or cleaned_data.get("title_ar")):
            self.add_error("title_en", _("Give the session a title in at least one language."))
        self._check_typed_zone(cleaned_data)
        return cleaned_data

    def _check_typed_zone(self, cleaned_data) -> None:
        summit, typed = cleaned_data.get("summit"), cleaned_data.get("typed_in_zone")
        times_changed = {"starts_at", "ends_at"} & set(self.changed_data)
        if not (summit and typed and times_changed) or typed == summit.time_zone:
            return
        self.add_error(
            "starts_at",
            _(
                "The page asked for times in %(typed)s, but %(summit)s runs on %(zone)s "
                "time, which is how they will be saved. Check them and save again."
            )
            % {"typed": typed, "summit": summit, "zone": summit.time_zone},
        )
        # Shown again in the summit's zone, so a second save keeps the times.
        self.data = self.data.copy()
        self.data[self.add_prefix("typed_in_zone")] = summit.time_zone
