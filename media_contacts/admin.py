from datetime import timedelta
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from media_contacts import accreditation as accreditation_service
from media_contacts import alerts, corrections, presskits, services
from media_contacts.exports import interview_requests_table
from media_contacts.models import (
    Accreditation,
    AlertSubscription,
    InternalNote,
    InterviewRequest,
    MediaContact,
    PressKit,
    PressKitItem,
    PressRelease,
    StatusChange,
    press_zone,
)
from u20.admin import (
    ContentAdmin,
    ThumbnailAdminMixin,
    TimeZoneAdminMixin,
    image_preview,
    in_zone,
)
from u20.forms import SlugFromTitleForm
from u20.pagecache import private
from u20.spreadsheets import csv_response

Status = InterviewRequest.Status


class PressReleaseForm(SlugFromTitleForm):
    """A release. Changing the text of one already out asks for a correction
    note in every language, which its page shows from then on."""

    slug_sources = ("title_en", "title_ar")
    correction_note_en = forms.CharField(
        label=_("Correction note (English)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    correction_note_ar = forms.CharField(
        label=_("Correction note (Arabic)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "rtl", "lang": "ar"}),
    )

    class Meta:
        model = PressRelease
        fields = "__all__"

    def text_changed(self) -> list[str]:
        return [name for name in self.changed_data if name in corrections.TEXT_FIELDS]

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if instance.pk and instance.is_released and self.text_changed():
            for code, _name in settings.LANGUAGES:
                name = f"correction_note_{code}"
                if name in self.fields and not cleaned.get(name, "").strip():
                    self.add_error(
                        name,
                        _(
                            "This release is already out: say what you corrected, in every "
                            "language. Readers see the note on its page."
                        ),
                    )
        return cleaned


# The newest readings under embargo a release's page lists.
EMBARGO_LOG_SHOWN = 200


def _table(headers, rows) -> str:
    """A small read-only table for an admin page; every value escaped."""
    if not rows:
        return ""
    head = format_html_join("", '<th scope="col">{}</th>', ((header,) for header in headers))
    body = format_html_join(
        "",
        "<tr>{}</tr>",
        ((format_html_join("", "<td>{}</td>", ((v,) for v in row)),) for row in rows),
    )
    return format_html("<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>", head, body)


@admin.register(PressRelease)
class PressReleaseAdmin(TimeZoneAdminMixin, ThumbnailAdminMixin, ContentAdmin):
    form = PressReleaseForm
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("title_en", "title_ar"),
                    "slug",
                    "summit",
                    "published_at",
                    "embargo_until",
                ]
            },
        ),
        (
            _("Text"),
            {
                "fields": [("summary_en", "summary_ar"), ("body_en", "body_ar")],
                "description": _(
                    "The text is Markdown. Links, lists, quotes and headings are kept; any "
                    "HTML is removed before the page shows it."
                ),
            },
        ),
        (
            _("Image"),
            {
                "fields": [
                    ("image", "image_preview"),
                    ("image_alt_en", "image_alt_ar"),
                    ("image_caption_en", "image_caption_ar"),
                ]
            },
        ),
    ]
    readonly_fields = ["image_preview", "corrections_display", "embargo_log_display"]
    list_display = [
        "title_en",
        "title_ar",
        "published_at",
        "embargo_until",
        "summit",
        "is_live",
    ]
    list_filter = ["summit"]
    list_select_related = ["summit"]
    search_fields = ["title_en", "title_ar", "summary_en", "summary_ar", "slug"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["summit"]

    @admin.display(description=_("preview"))
    def image_preview(self, obj):
        return image_preview(obj.image_thumbnail or obj.image, obj.image_alt or "")

    @admin.display(description=_("public"), boolean=True, ordering="published_at")
    def is_live(self, obj):
        return obj.is_published

    @admin.display(description=_("corrections"))
    def corrections_display(self, obj):
        rows = [
            (in_zone(correction.made_at, press_zone()), correction.made_by or "—", correction.note)
            for correction in obj.corrections.select_related("made_by")
        ]
        return _table([_("when"), _("by"), _("correction note")], rows) or "—"

    @admin.display(description=_("read under embargo"))
    def embargo_log_display(self, obj):
        accesses = obj.embargo_accesses.select_related("accreditation")[:EMBARGO_LOG_SHOWN]
        rows = [
            (
                in_zone(access.at, press_zone()),
                f"{access.accreditation.name} ({access.accreditation.outlet})",
                access.get_via_display(),
            )
            for access in accesses
        ]
        return _table([_("when"), _("who"), _("through")], rows) or "—"

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and obj.corrections.exists():
            fieldsets.append((_("Corrections"), {"fields": ["corrections_display"]}))
        if obj is not None and obj.embargo_until is not None:
            fieldsets.append((_("Embargo log"), {"fields": ["embargo_log_display"]}))
        if obj is not None and obj.is_released:
            fieldsets.append(
                (
                    _("Correction"),
                    {
                        "fields": [("correction_note_en", "correction_note_ar")],
                        "description": _(
                            "This release is out. If you change its title, summary or text, "
                            "say what you corrected; the text before is kept."
                        ),
                    },
                )
            )
        return fieldsets

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The alerts go out when the release does, whatever time that is.
        release = form.instance
        transaction.on_commit(lambda: alerts.schedule(release))

    def save_model(self, request, obj, form, change):
        changed = form.text_changed() if change else []
        if changed and PressRelease.objects.released().filter(pk=obj.pk).exists():
            before = PressRelease.objects.get(pk=obj.pk)
            super().save_model(request, obj, form, change)
            corrections.record(
                release=obj,
                before=before,
                by=request.user,
                notes={
                    code: form.cleaned_data.get(f"correction_note_{code}", "")
                    for code, _name in settings.LANGUAGES
                },
            )
            return
        super().save_model(request, obj, form, change)

    def zone_of(self, obj):
        return obj.summit.zone if obj.summit_id else None

    def form_zone(self, request, object_id=None):
        # Publication times are typed in the press office's zone.
        return press_zone()

    def list_zone(self, request):
        return press_zone()


@admin.register(MediaContact)
class MediaContactAdmin(ContentAdmin):
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "kind",
                    ("name_en", "name_ar"),
                    ("role_en", "role_ar"),
                    "email",
                    "phone",
                    ("languages_en", "languages_ar"),
                    "order",
                    "is_published",
                ]
            },
        ),
    ]
    list_display = ["name_en", "name_ar", "kind", "email", "phone", "order", "is_published"]
    list_filter = ["kind", "is_published"]
    search_fields = ["name_en", "name_ar", "email", "role_en", "role_ar"]


class DeadlineFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Passed, still open")),
            ("day", _("Within 24 hours")),
            ("week", _("Within 7 days")),
            ("later", _("Later")),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "overdue":
                return queryset.overdue()
            case "day":
                return queryset.due_within(timedelta(days=1))
            case "week":
                return queryset.due_within(timedelta(days=7))
            case "later":
                return queryset.due_after(timedelta(days=7))
        return queryset


class StatusHistoryInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    fields = ["at", "by", "from_status", "to_status", "note"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = _("status history")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class InternalNoteInline(admin.TabularInline):
    """Notes are added, never edited: what one member wrote stays as written."""

    model = InternalNote
    extra = 1
    fields = ["text", "author", "created_at"]
    readonly_fields = ["author", "created_at"]
    can_delete = False
    verbose_name_plural = _("internal notes (the journalist never sees them)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class InterviewRequestAdminForm(forms.ModelForm):
    """The assignee, and the next step of the workflow. Nothing here saves by
    itself: InterviewRequestAdmin.save_model hands each change to services."""

    transition = forms.ChoiceField(label=_("Move to"), required=False)
    scheduled_at = forms.SplitDateTimeField(
        label=_("Date and time"), required=False, widget=AdminSplitDateTime
    )
    schedule_format = forms.ChoiceField(
        label=_("Format"), choices=InterviewRequest.Format.choices, required=False
    )
    details = forms.CharField(
        label=_("Details for the journalist"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent with the date: how to join, or whom to call."),
    )
    notify_journalist = forms.BooleanField(
        label=_("When declining, send the journalist a polite note in their language"),
        required=False,
        initial=True,
    )
    status_note = forms.CharField(
        label=_("Note for the history"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why, for the team; the journalist never sees it."),
    )

    class Meta:
        model = InterviewRequest
        fields = ["assignee"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if "transition" not in self.fields:
            return
        choices = [("", gettext("— no change —"))]
        if instance.status == Status.SCHEDULED:
            choices.append((Status.SCHEDULED, gettext("Scheduled: move to another time")))
        choices += [
            (status, Status(status).label)
            for status in Status.values
            if status in services.allowed_statuses(instance.status)
        ]
        self.fields["transition"].choices = choices
        self.fields["schedule_format"].initial = instance.format
        self.fields["scheduled_at"].initial = instance.scheduled_for
        self.fields["details"].initial = instance.scheduled_details

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("transition") == Status.SCHEDULED:
            at = cleaned_data.get("scheduled_at")
            if at is None:
                self.add_error("scheduled_at", _("Give the date and time of the interview."))
            else:
                try:
                    services.validate_future(at, field="scheduled_at")
                except ValidationError as error:
                    self.add_error(None, error)
            if not cleaned_data.get("schedule_format"):
                self.add_error("schedule_format", _("Choose a format."))
        return cleaned_data


@admin.register(InterviewRequest)
class InterviewRequestAdmin(TimeZoneAdminMixin, admin.ModelAdmin):
    """The media team's queue. Journalists' details are read-only; every
    change of status or assignee goes through media_contacts.services."""

    form = InterviewRequestAdminForm
    list_display = [
        "reference",
        "name",
        "outlet",
        "accredited",
        "kind",
        "wanted_display",
        "status",
        "assignee",
        "deadline",
        "days_open_display",
        "created_at",
    ]
    list_display_links = ["reference", "name"]
    list_filter = [
        "status",
        ("assignee", admin.RelatedOnlyFieldListFilter),
        DeadlineFilter,
        ("accreditation", admin.EmptyFieldListFilter),
        "kind",
        "format",
        "language",
    ]
    list_select_related = ["assignee", "speaker"]
    search_fields = [
        "reference",
        "name",
        "outlet",
        "email",
        "country",
        "interviewee",
        "speaker__name_en",
        "speaker__name_ar",
        "message",
    ]
    ordering = ["-created_at", "-pk"]
    actions = ["assign_to_me", "decline_politely", "decline_quietly", "export_csv"]
    inlines = [InternalNoteInline, StatusHistoryInline]
    journalist_fields = [
        "name",
        "outlet",
        "role",
        "email",
        "phone",
        "country",
        "language",
        "consented_at",
    ]
    request_fields = [
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
    readonly_fields = [
        "reference",
        "status",
        "created_at",
        "days_open_display",
        "scheduled_for",
        "scheduled_details",
        "closed_at",
        "anonymised_at",
        *journalist_fields,
        *request_fields,
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (
                None,
                {
                    "fields": [
                        "reference",
                        "status",
                        "assignee",
                        ("created_at", "days_open_display"),
                        "deadline",
                    ]
                },
            ),
        ]
        if obj is not None and obj.is_open:
            fieldsets.append(
                (
                    _("Next step"),
                    {
                        "fields": [
                            "transition",
                            ("scheduled_at", "schedule_format"),
                            "details",
                            "notify_journalist",
                            "status_note",
                        ],
                        "description": _(
                            "Requests go from new to in progress, scheduled and done, or are "
                            "declined while open. Scheduling emails the journalist; times "
                            "are in %(zone)s."
                        )
                        % {"zone": press_zone().key},
                    },
                )
            )
        fieldsets += [
            (_("Journalist"), {"fields": self.journalist_fields}),
            (_("Request"), {"fields": [f for f in self.request_fields if f != "deadline"]}),
            (_("Scheduled"), {"fields": ["scheduled_for", "scheduled_details"]}),
            (_("Retention"), {"fields": ["closed_at", "anonymised_at"]}),
        ]
        return self.zoned_fieldsets(request, obj, fieldsets)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and not obj.is_open:
            fields.append("assignee")
        return fields

    def has_add_permission(self, request):
        # Requests come from journalists, through the public form.
        return False

    def has_delete_permission(self, request, obj=None):
        # Nothing is lost: closed requests are anonymised after the retention
        # period (manage.py anonymise_requests), never deleted by hand.
        return False

    @admin.display(description=_("accredited"), boolean=True, ordering="accreditation")
    def accredited(self, obj):
        return obj.accreditation_id is not None

    @admin.display(description=_("wants"))
    def wanted_display(self, obj):
        return obj.wanted or "—"

    @admin.display(description=_("days open"), ordering="created_at")
    def days_open_display(self, obj):
        return obj.days_open()

    def form_zone(self, request, object_id=None):
        # Times are shown and typed in the press office's zone.
        return press_zone()

    def list_zone(self, request):
        return press_zone()

    def save_model(self, request, obj, form, change):
        interview = InterviewRequest.objects.get(pk=obj.pk)
        data = form.cleaned_data
        note = data.get("status_note", "")
        try:
            if "assignee" in form.changed_data:
                services.assign(interview=interview, assignee=data["assignee"], by=request.user)
            to = data.get("transition")
            if to == Status.SCHEDULED:
                services.schedule(
                    interview=interview,
                    at=data["scheduled_at"],
                    format=data["schedule_format"],
                    details=data.get("details", ""),
                    by=request.user,
                    note=note,
                )
            elif to == Status.DECLINED:
                services.decline(
                    interview=interview,
                    by=request.user,
                    note=note,
                    notify=data["notify_journalist"],
                )
            elif to and to != interview.status:
                services.change_status(interview=interview, to=to, by=request.user, note=note)
        except services.TransitionError as error:
            self.message_user(request, error.message, level=messages.ERROR)

    def save_formset(self, request, form, formset, change):
        if formset.model is InternalNote:
            for note in formset.save(commit=False):
                if note.pk is None and note.text.strip():
                    services.add_note(interview=form.instance, by=request.user, text=note.text)
            return
        super().save_formset(request, form, formset, change)

    @admin.action(description=_("Assign to me"), permissions=["change"])
    def assign_to_me(self, request, queryset):
        assigned = 0
        for interview in queryset:
            try:
                services.assign(interview=interview, assignee=request.user, by=request.user)
            except services.TransitionError as error:
                self.message_user(request, f"{interview}: {error.message}", messages.WARNING)
            else:
                assigned += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d request is assigned to you.",
                "%(count)d requests are assigned to you.",
                assigned,
            )
            % {"count": assigned},
            messages.SUCCESS,
        )

    def _decline(self, request, queryset, *, notify: bool) -> None:
        declined = 0
        for interview in queryset:
            try:
                services.decline(interview=interview, by=request.user, notify=notify)
            except services.TransitionError as error:
                self.message_user(request, f"{interview}: {error.message}", messages.WARNING)
            else:
                declined += 1
        self.message_user(
            request,
            ngettext("%(count)d request declined.", "%(count)d requests declined.", declined)
            % {"count": declined},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Decline, and send a polite note in the journalist’s language"),
        permissions=["change"],
    )
    def decline_politely(self, request, queryset):
        self._decline(request, queryset, notify=True)

    @admin.action(
        description=_("Decline without writing to the journalist"), permissions=["change"]
    )
    def decline_quietly(self, request, queryset):
        self._decline(request, queryset, notify=False)

    @admin.action(description=_("Export as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        header, rows = interview_requests_table(queryset)
        return csv_response("interview-requests.csv", header, rows)


class AccreditationReviewForm(forms.ModelForm):
    """The next step of a review. Nothing here saves by itself:
    AccreditationAdmin.save_model hands it to media_contacts.accreditation."""

    decision = forms.ChoiceField(label=_("Decision"), required=False)
    message = forms.CharField(
        label=_("Message to the journalist"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Sent with the decision, in the journalist's language. Needed when you ask "
            "for more information: say what is missing."
        ),
    )
    notify_journalist = forms.BooleanField(
        label=_("When declining, send the journalist a polite email"),
        required=False,
        initial=True,
    )

    class Meta:
        model = Accreditation
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "decision" not in self.fields:
            return
        allowed = accreditation_service.allowed_statuses(self.instance.status)
        self.fields["decision"].choices = [("", gettext("— no change —"))] + [
            (status, Accreditation.Status(status).label)
            for status in Accreditation.Status.values
            if status in allowed
        ]

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") == Accreditation.Status.MORE_INFO
            and not cleaned.get("message", "").strip()
        ):
            self.add_error("message", _("Say what the journalist should add or change."))
        return cleaned


class AccreditationStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("valid", _("Valid now")), ("expired", _("Expired"))]

    def queryset(self, request, queryset):
        if self.value() == "valid":
            return queryset.valid()
        if self.value() == "expired":
            return queryset.filter(status=Accreditation.Status.APPROVED).exclude(
                pk__in=Accreditation.objects.valid().values("pk")
            )
        return queryset


@admin.register(Accreditation)
class AccreditationAdmin(TimeZoneAdminMixin, admin.ModelAdmin):
    """The media team's accreditation queue. What the journalist gave is
    read-only; each decision goes through media_contacts.accreditation."""

    form = AccreditationReviewForm
    list_display = ["reference", "name", "outlet", "country", "summit", "status", "created_at"]
    list_filter = ["status", AccreditationStateFilter, "summit"]
    list_select_related = ["summit"]
    search_fields = ["reference", "name", "outlet", "email"]
    applicant_fields = [
        "reference",
        "summit",
        "name",
        "outlet",
        "role",
        "country",
        "email",
        "phone",
        "work_link_display",
        "press_card_display",
        "language",
        "created_at",
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [(None, {"fields": ["status", "expires_at"]})]
        if obj is not None and accreditation_service.allowed_statuses(obj.status):
            fieldsets.append(
                (
                    _("Review"),
                    {
                        "fields": ["decision", "message", "notify_journalist"],
                        "description": _(
                            "Approve, ask for more information, or decline. Approving sends "
                            "the badge and the private feed; the accreditation expires at "
                            "the end of the summit."
                        ),
                    },
                )
            )
        fieldsets.append((_("Application"), {"fields": self.applicant_fields}))
        if obj is not None:
            fieldsets.append((_("Review history"), {"fields": ["history_display"]}))
        return self.zoned_fieldsets(request, obj, fieldsets)

    @admin.display(description=_("review history"))
    def history_display(self, obj):
        rows = [
            (
                in_zone(change.at, press_zone()),
                change.by or "—",
                Accreditation.Status(change.from_status).label if change.from_status else "—",
                Accreditation.Status(change.to_status).label,
                change.message or "—",
                gettext("yes") if change.emailed else gettext("no"),
            )
            for change in obj.history.select_related("by")
        ]
        headers = [
            _("when"),
            _("by"),
            _("from"),
            _("to"),
            _("message to the journalist"),
            _("emailed"),
        ]
        return _table(headers, rows) or "—"

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj), "status", "expires_at"]
        readonly.append("history_display")
        return [*readonly, *self.applicant_fields]

    def has_add_permission(self, request):
        # Applications come from journalists, through their accreditation page.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("link to published work"))
    def work_link_display(self, obj):
        if not obj.work_link:
            return "—"
        return format_html(
            '<a href="{}" rel="noopener noreferrer" dir="ltr">{}</a>', obj.work_link, obj.work_link
        )

    @admin.display(description=_("press card"))
    def press_card_display(self, obj):
        if not obj.press_card:
            return "—"
        url = reverse("admin:media_contacts_accreditation_press_card", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Open the press card"))

    def get_urls(self):
        return [
            path(
                "<int:object_id>/press-card/",
                self.admin_site.admin_view(self.press_card_view),
                name="media_contacts_accreditation_press_card",
            ),
            *super().get_urls(),
        ]

    def press_card_view(self, request, object_id):
        """The press card, for those who may see the accreditation: it is
        never served from a public address."""
        accreditation = self.get_object(request, str(object_id))
        if accreditation is None or not self.has_view_permission(request, accreditation):
            raise PermissionDenied
        if not accreditation.press_card:
            raise Http404
        name = accreditation.press_card.name
        response = FileResponse(
            accreditation.press_card.open("rb"), content_type=presskits.file_type(name)
        )
        response["Content-Disposition"] = (
            f'inline; filename="press-card-{accreditation.reference}{PurePosixPath(name).suffix}"'
        )
        response["X-Content-Type-Options"] = "nosniff"
        return private(response)

    def form_zone(self, request, object_id=None):
        return press_zone()

    def list_zone(self, request):
        return press_zone()

    def zone_of(self, obj):
        return obj.summit.zone

    def save_model(self, request, obj, form, change):
        decision = form.cleaned_data.get("decision")
        if not decision:
            return
        try:
            accreditation_service.review(
                accreditation=Accreditation.objects.get(pk=obj.pk),
                to=decision,
                by=request.user,
                message=form.cleaned_data.get("message", ""),
                notify=form.cleaned_data.get("notify_journalist", False),
            )
        except accreditation_service.ReviewError as error:
            self.message_user(request, error.message, level=messages.ERROR)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), level=messages.ERROR)


class PressKitForm(SlugFromTitleForm):
    slug_sources = ("title_en", "title_ar")

    class Meta:
        model = PressKit
        fields = "__all__"


class PressKitItemForm(forms.ModelForm):
    """A press kit file: the upload is checked for its kind here, and
    stored with its copies by media_contacts.presskits."""

    class Meta:
        model = PressKitItem
        fields = [
            "kind",
            "order",
            "title_en",
            "title_ar",
            "file",
            *(
                f"{name}_{code}"
                for name in ("alt", "caption", "credit", "licence")
                for code in ("en", "ar")
            ),
        ]

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        kind = cleaned.get("kind")
        if kind and upload and "file" in self.changed_data:
            try:
                self.checked = presskits.checked_file(kind, upload)
            except ValidationError as error:
                self.add_error("file", error)
        elif (
            kind
            and "kind" in self.changed_data
            and self.instance.pk
            and "file" not in self.changed_data
        ):
            self.add_error("file", _("Upload the file again for its new kind."))
        return cleaned


class PressKitItemInline(admin.StackedInline):
    model = PressKitItem
    form = PressKitItemForm
    extra = 0
    fields = [
        ("kind", "order"),
        ("title_en", "title_ar"),
        "file",
        "file_details",
        ("alt_en", "alt_ar"),
        ("caption_en", "caption_ar"),
        ("credit_en", "credit_ar"),
        ("licence_en", "licence_ar"),
    ]
    readonly_fields = ["file_details"]

    @admin.display(description=_("stored file"))
    def file_details(self, obj):
        if not obj.pk or not obj.file:
            return "—"
        size = filesizeformat(obj.size)
        dimensions = f", {obj.width} × {obj.height} px" if obj.width else ""
        copies = ", ".join(f"{r['width']} px" for r in obj.renditions)
        text = f"{obj.suffix.upper()}{dimensions}, {size}"
        return f"{text} · PNG {copies}" if copies else text


@admin.register(PressKit)
class PressKitAdmin(ContentAdmin):
    form = PressKitForm
    inlines = [PressKitItemInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("title_en", "title_ar"),
                    "slug",
                    ("summit", "release"),
                    ("description_en", "description_ar"),
                    "is_published",
                ],
                "description": _(
                    "A kit is for a summit or for one release; a release's kit is under the "
                    "release's embargo. Photos lose their EXIF and GPS data when stored."
                ),
            },
        ),
    ]
    list_display = ["title_en", "title_ar", "summit", "release", "is_published", "updated_at"]
    list_select_related = ["summit", "release"]
    autocomplete_fields = ["summit", "release"]
    search_fields = ["title_en", "title_ar", "slug"]

    def save_formset(self, request, form, formset, change):
        if formset.model is not PressKitItem:
            return super().save_formset(request, form, formset, change)
        # save(commit=False) also notes what changed, for the admin's history.
        changed = {id(item) for item in formset.save(commit=False)}
        for item_form in formset.forms:
            item = item_form.instance
            if id(item) not in changed:
                continue
            item.kit = form.instance
            if "file" in item_form.changed_data:
                presskits.store(
                    item,
                    item_form.cleaned_data["file"],
                    checked=getattr(item_form, "checked", None),
                )
            else:
                item.save()
        for deleted in formset.deleted_objects:
            presskits.delete_item(deleted)
        return None


@admin.register(AlertSubscription)
class AlertSubscriptionAdmin(admin.ModelAdmin):
    """Who asked for release alerts: read-only, since each person confirms
    and unsubscribes themselves. Deleting one forgets the address."""

    list_display = ["email", "language", "requested_at", "confirmed_at", "unsubscribed_at"]
    list_filter = [
        "language",
        ("confirmed_at", admin.EmptyFieldListFilter),
        ("unsubscribed_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["email"]
    fields = ["email", "language", "requested_at", "confirmed_at", "unsubscribed_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        # Only the address's owner subscribes it, by confirming the link.
        return False

    def has_change_permission(self, request, obj=None):
        return False
