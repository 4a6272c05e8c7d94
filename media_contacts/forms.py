import zoneinfo

from django import forms
from django.conf import settings
from django.db.models import Q
from django.forms.boundfield import BoundField
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from media_contacts.accreditation import APPLICATION_FIELDS
from media_contacts.models import (
    PHONE_ERROR,
    PHONE_EXAMPLE,
    Accreditation,
    InterviewRequest,
    validate_phone,
)
from media_contacts.services import validate_future
from sessions.models import Speaker
from sessions.selectors import sessions_journalists_can_name
from u20.bidi import with_ltr
from u20.images import reencode_image
from u20.models import Summit
from u20.pdfs import PDF_MAGIC, validate_pdf
from u20.zones import utc_offset

# Arabic-Indic and Eastern Arabic-Indic digits, as an Arabic keyboard types them.
ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
HONEYPOT = "website"
# For an interview, one of these two says whom the journalist wants: neither
# is optional on its own, and the hint before them, with this id, says so.
PERSON_FIELDS = ("speaker", "interviewee")
PERSON_HINT_ID = "person-hint"


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's own date and time picker; the value is typed in the
    press office's zone, which the form names."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class PersonBoundField(BoundField):
    """The speaker or the interviewee field, described first by the hint
    that one of the two is needed, then by its own help and errors."""

    @property
    def aria_describedby(self):
        own = super().aria_describedby
        if own is None:  # set on the widget, which wins
            return None
        return " ".join(filter(None, [PERSON_HINT_ID, own]))


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class InterviewRequestForm(forms.ModelForm):
    """A journalist's request. Length limits come from the model; every
    message is in the language of the page."""

    person_hint_id = PERSON_HINT_ID

    message = forms.CharField(
        label=_("Your message"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you would like to ask or cover, in up to 3,000 characters."),
    )
    consent = forms.BooleanField(
        required=True,
        error_messages={"required": _("Tick this box so that we may handle your request.")},
    )
    # A trap for robots: hidden from people, so anything typed in it is spam.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = InterviewRequest
        fields = [
            "name",
            "outlet",
            "role",
            "email",
            "phone",
            "country",
            "language",
            "kind",
            "speaker",
            "interviewee",
            "session",
            "format",
            "window_start",
            "window_end",
            "deadline",
            "message",
        ]
        labels = {
            "name": _("Your name"),
            "outlet": _("Media outlet"),
            "role": _("Your role"),
            "email": _("Email"),
            "phone": _("Phone"),
            "country": _("Country"),
            "language": _("Preferred language"),
            "kind": _("What you are asking for"),
            "speaker": _("A speaker from the agenda"),
            "interviewee": _("Or the person you want to interview"),
            "session": _("Related session"),
            "format": _("Format"),
            "window_start": _("Available from"),
            "window_end": _("Available until"),
            "deadline": _("Your deadline"),
        }
        help_texts = {
            "role": _("For example: correspondent, editor, producer."),
            "interviewee": _("If the person is not on the agenda, write their name or role."),
            "window_start": _("When you could do the interview, if you know."),
        }
        widgets = {
            "language": forms.RadioSelect,
            "kind": forms.RadioSelect,
            "format": forms.RadioSelect,
            "window_start": DateTimeLocalInput,
            "window_end": DateTimeLocalInput,
            "deadline": DateTimeLocalInput,
        }
        field_classes = {"session": SessionChoiceField}

    def __init__(self, *args, zone: zoneinfo.ZoneInfo, accreditation=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Shown above the form: the details come from this accreditation.
        self.accreditation = accreditation
        self.zone = zone
        sessions = sessions_journalists_can_name()
        self.fields["session"].queryset = sessions
        self.fields["session"].empty_label = pgettext_lazy("related session", "None")
        self.fields["speaker"].queryset = (
            Speaker.objects.filter(Q(appearances__session__in=sessions)).distinct().order_by("name")
        )
        self.fields["speaker"].empty_label = _("Someone else, or not sure")
        self.fields["language"].choices = settings.LANGUAGES
        self.fields["consent"].label = _(
            "I agree that the U20 media team keeps these details to handle my request. "
            "They are erased %(days)s days after the request is closed."
        ) % {"days": settings.INTERVIEW_RETENTION_DAYS}
        self.time_note = with_ltr(
            gettext("Times are in the summit’s time zone, %(zone)s (%(offset)s)."),
            zone=zone.key,
            offset=utc_offset(timezone.now(), zone),
        )
        self.person_hint = _(
            "For an interview, choose a speaker from the agenda or write the name of the "
            "person you want to interview."
        )
        for name in PERSON_FIELDS:
            self.fields[name].bound_field_class = PersonBoundField
        # The example number stays in its order on Arabic pages (the phone,
        # email and link inputs are left to right through u20.bidi.FormRenderer).
        self.fields["phone"].help_text = with_ltr(
            gettext("With the country code, such as %(example)s."), example=PHONE_EXAMPLE
        )
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["phone"].widget.input_type = "tel"
        self.fields["country"].widget.attrs["autocomplete"] = "country-name"
        self.fields["outlet"].widget.attrs["autocomplete"] = "organization"
        for name, field in self.fields.items():
            if not field.required and name != HONEYPOT and name not in PERSON_FIELDS:
                # Translators: a form label followed by a note that the field may be left empty.
                field.label = _("%(label)s (optional)") % {"label": field.label}

    @property
    def fields_with_errors(self) -> int:
        return sum(1 for name in self.errors if name in self.fields)

    @property
    def is_spam(self) -> bool:
        """Whether the trap field was filled. Looked at before validation, so
        a robot gets the same thank-you page whatever else it sent."""
        return bool(self.data.get(HONEYPOT, "").strip())

    def clean_phone(self) -> str:
        return clean_phone_value(self.cleaned_data["phone"])

    def _future(self, name: str):
        value = self.cleaned_data.get(name)
        try:
            validate_future(value, field=name)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.message_dict[name]) from None
        return value

    def clean_deadline(self):
        return self._future("deadline")

    def clean_window_start(self):
        return self._future("window_start")

    def clean_window_end(self):
        return self._future("window_end")

    def clean(self):
        cleaned_data = super().clean()
        wants_someone = cleaned_data.get("kind") == InterviewRequest.Kind.INTERVIEW
        if wants_someone and not any(cleaned_data.get(name) for name in PERSON_FIELDS):
            # On both fields, so each shows it and announces it; a field
            # refused for another reason keeps its own message.
            message = _(
                "Choose a speaker from the agenda, or write the name of the person you want "
                "to interview: an interview request needs one of the two."
            )
            for name in PERSON_FIELDS:
                if name not in self.errors:
                    self.add_error(name, message)
        return cleaned_data

    def fieldsets(self):
        """The visible fields in the groups the page shows, with their legend."""
        groups = [
            (_("About you"), ["name", "outlet", "role", "email", "phone", "country", "language"]),
            (_("Your request"), ["kind", "speaker", "interviewee", "session", "format"]),
            (_("Timing"), ["window_start", "window_end", "deadline"]),
            (_("Message"), ["message", "consent"]),
        ]
        return [(legend, [self[name] for name in names]) for legend, names in groups]

    def request_fields(self) -> dict:
        """What services.submit_request takes, from the cleaned form."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["consent"] = self.cleaned_data["consent"]
        return data


def clean_phone_value(value: str) -> str:
    """A phone number as typed, Arabic-Indic digits read as digits, checked,
    its error naming the example number left to right."""
    phone = value.translate(ARABIC_DIGITS).strip()
    if phone:
        try:
            validate_phone(phone)
        except forms.ValidationError as error:
            message = with_ltr(str(PHONE_ERROR), example=PHONE_EXAMPLE)
            raise forms.ValidationError(message, code=error.code) from None
    return phone


PRESS_CARD_ERROR = _("Upload your press card as a PDF, or as a JPEG, PNG or WebP image.")


def checked_press_card(upload):
    """The press card as it will be stored: a PDF that passes the same checks
    as every PDF we accept, or an image drawn again by Pillow (no EXIF, no
    GPS, nothing but pixels). Anything else is refused with one message."""
    upload.seek(0)
    is_pdf = upload.read(len(PDF_MAGIC)) == PDF_MAGIC
    upload.seek(0)
    if is_pdf:
        validate_pdf(upload)
        upload.name = "press-card.pdf"
        return upload
    try:
        return reencode_image(upload)
    except forms.ValidationError as error:
        if error.code in ("image_invalid", "image_format"):
            raise forms.ValidationError(PRESS_CARD_ERROR, code="press_card_invalid") from None
        raise


class AccreditationForm(forms.ModelForm):
    """A journalist's application for media accreditation to one summit."""

    summit = forms.ModelChoiceField(
        label=_("Summit you will cover"),
        queryset=Summit.objects.none(),
        empty_label=None,
    )
    press_card = forms.FileField(
        label=_("Press card"),
        required=False,
        help_text=_("A scan or photo of your press card: a PDF, JPEG, PNG or WebP file."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.webp"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the media team may keep these details to review my accreditation "
            "and contact me about it."
        ),
        required=True,
        error_messages={"required": _("Tick this box so that we may review your request.")},
    )

    class Meta:
        model = Accreditation
        fields = ["summit", "name", "outlet", "role", "country", "phone", "work_link", "language"]
        labels = {
            "name": _("Your full name"),
            "role": pgettext_lazy("job title", "Your role"),
            "language": _("Language for our emails"),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "outlet": forms.TextInput(attrs={"autocomplete": "organization"}),
            "role": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "country": forms.TextInput(attrs={"autocomplete": "country-name"}),
            "phone": forms.TextInput(
                attrs={"autocomplete": "tel", "inputmode": "tel", "dir": "ltr"}
            ),
            "work_link": forms.URLInput(attrs={"dir": "ltr", "placeholder": "https://"}),
        }

    def __init__(self, *args, summits, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["summit"].queryset = summits
        self.fields["phone"].help_text = _("With the country code, such as %(example)s.") % {
            "example": PHONE_EXAMPLE
        }
        if editing:
            # An answer to "more information needed" is for the same summit.
            self.fields["summit"].disabled = True
        self.fields["summit"].label_from_instance = lambda summit: summit.name

    @property
    def fields_with_errors(self) -> int:
        return sum(1 for name in self.errors if name != forms.forms.NON_FIELD_ERRORS)

    def clean_phone(self) -> str:
        return clean_phone_value(self.cleaned_data["phone"])

    def clean_press_card(self):
        upload = self.cleaned_data.get("press_card")
        if not upload:
            return None
        return checked_press_card(upload)

    def clean(self):
        cleaned = super().clean()
        has_card = cleaned.get("press_card") or (self.instance.pk and self.instance.press_card)
        if not cleaned.get("work_link") and not has_card and "press_card" not in self.errors:
            self.add_error(
                "work_link", _("Give a link to your published work or upload your press card.")
            )
        return cleaned

    def _post_clean(self):
        # The service checks the model as a whole when it saves.
        pass

    def application_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "summit": data["summit"],
            "press_card": data.get("press_card"),
            **{name: data.get(name, "") for name in APPLICATION_FIELDS},
        }


class AlertSubscriptionForm(forms.Form):
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )
    language = forms.ChoiceField(label=_("Language of the alerts"), choices=settings.LANGUAGES)
    # A trap for robots: hidden from people, so anything typed in it is spam.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT, "").strip())
