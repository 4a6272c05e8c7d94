from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from media_contacts import services
from media_contacts.exports import interview_requests_table
from media_contacts.models import (
    InternalNote,
    InterviewRequest,
    MediaContact,
    PressRelease,
    StatusChange,
    press_zone,
)
from u20.admin import ContentAdmin, ThumbnailAdminMixin, TimeZoneAdminMixin, image_preview
from u20.forms import SlugFromTitleForm
from u20.spreadsheets import csv_response

Status = InterviewRequest.Status


class PressReleaseForm(SlugFromTitleForm):
    slug_sources = ("title_en", "title_ar")

    class Meta:
        model = PressRelease
        fields = "__all__"


@admin.register(PressRelease)
class PressReleaseAdmin(TimeZoneAdminMixin, ThumbnailAdminMixin, ContentAdmin):
    form = PressReleaseForm
    fieldsets = [
        (None, {"fields": [("title_en", "title_ar"), "slug", "summit", "published_at"]}),
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
    readonly_fields = ["image_preview"]
    list_display = ["title_en", "title_ar", "published_at", "summit", "is_live"]
    list_filter = ["summit"]
    list_select_related = ["summit"]
    search_fields = ["title_en", "title_ar", "summary_en", "summary_ar", "slug"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["summit"]

    @admin.display(description=_("preview"))
    def image_preview(self, obj):
        return image_preview(obj.image_thumbnail or obj.image, obj.image_alt or "")

    @admin.display(description=_("in the newsroom"), boolean=True, ordering="published_at")
    def is_live(self, obj):
        return obj.is_published

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
