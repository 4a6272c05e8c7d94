import zoneinfo

from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import models
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from modeltranslation.admin import TranslationAdmin

from u20 import audit, embed, outbox, pagecache, security
from u20.forms import SlugFromTitleForm, SummitForm
from u20.images import refresh_thumbnails
from u20.models import City, Organisation, OutgoingEmail, Summit, SummitPartner, Theme
from u20.times import as_written
from u20.zones import utc_offset

User = get_user_model()

admin.site.site_header = _("U20 summit administration")
admin.site.site_title = _("U20 administration")
admin.site.index_title = _("Organisers’ desk")


class BilingualAdminMixin:
    """Arabic fields are typed right to left and English ones left to right,
    wherever they appear: change forms and inlines alike."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(db_field, (models.CharField, models.TextField)):
            for code, direction in (("ar", "rtl"), ("en", "ltr")):
                if db_field.name.endswith(f"_{code}"):
                    field.widget.attrs.update({"lang": code, "dir": direction})
        return field

    class Media:
        css = {"all": ("admin-extra/u20-admin.css",)}


class ContentAdmin(BilingualAdminMixin, TranslationAdmin):
    """Admin for public content: any change makes cached pages stale."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        pagecache.content_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        pagecache.content_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        pagecache.content_changed()


def _datetime_fields(model) -> set[str]:
    return {
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, models.DateTimeField) and not field.is_relation
    }


def in_zone(value, zone: zoneinfo.ZoneInfo) -> str:
    """ "2 Dec 2020, 01:00 UTC+3": a moment for an admin page, the offset
    beside it and the zone's name on hover."""
    if value is None:
        return "—"
    local = value.astimezone(zone)
    return format_html(
        '{} <abbr class="u20-zone" title="{}">{}</abbr>',
        as_written(formats.date_format(local, "j M Y, H:i")),
        zone.key,
        as_written(utc_offset(value, zone)),
    )


class TimeZoneAdminMixin:
    """Shows and reads an admin's dates and times in one zone: the zone a
    summit runs in, or the press office's. Django renders a template response
    after the view returns, so the response is rendered inside the override.
    A hook that returns None leaves the site's default zone (UTC).

    Every date and time carries its zone: list columns and read-only fields
    show the offset beside the value (in the row's own zone, from zone_of),
    and a field typed in names its zone in its help.
    """

    def form_zone(self, request, object_id=None) -> zoneinfo.ZoneInfo | None:
        return None

    def list_zone(self, request) -> zoneinfo.ZoneInfo | None:
        return None

    def zone_of(self, obj) -> zoneinfo.ZoneInfo | None:
        """The zone a row's times are shown in; None for the page's own."""
        return None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._zoned = {}
        for name in _datetime_fields(self.model):
            self._zoned[name] = f"{name}_in_zone"
            setattr(self, f"{name}_in_zone", self._zoned_column(name))

    def _zoned_column(self, name):
        field = self.model._meta.get_field(name)

        @admin.display(description=field.verbose_name, ordering=name)
        def column(obj):
            zone = self.zone_of(obj) or timezone.get_current_timezone()
            return in_zone(getattr(obj, name), zone)

        return column

    def _zoned_names(self, names, only=None):
        def swap(name):
            if isinstance(name, (list, tuple)):
                return type(name)(swap(item) for item in name)
            if isinstance(name, str) and name in self._zoned and (only is None or name in only):
                return self._zoned[name]
            return name

        return [swap(name) for name in names]

    def get_list_display(self, request):
        return self._zoned_names(super().get_list_display(request))

    def get_readonly_fields(self, request, obj=None):
        return self._zoned_names(super().get_readonly_fields(request, obj))

    def get_fieldsets(self, request, obj=None):
        return self.zoned_fieldsets(request, obj, super().get_fieldsets(request, obj))

    def zoned_fieldsets(self, request, obj, fieldsets):
        """fieldsets with each read-only date and time shown with its zone;
        an admin that builds its own fieldsets returns them through this."""
        readonly = set(super().get_readonly_fields(request, obj))
        return [
            (title, {**options, "fields": self._zoned_names(options["fields"], only=readonly)})
            for title, options in fieldsets
        ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(db_field, models.DateTimeField):
            zone = timezone.get_current_timezone()
            note = _("In %(zone)s time.") % {"zone": zone.key}
            field.help_text = f"{field.help_text} {note}".strip()
        return field

    @staticmethod
    def _rendered_in(zone, view, *args):
        if zone is None:
            return view(*args)
        with timezone.override(zone):
            response = view(*args)
            if hasattr(response, "render"):
                response.render()
        return response

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return self._rendered_in(
            self.form_zone(request, object_id),
            super().changeform_view,
            request,
            object_id,
            form_url,
            extra_context,
        )

    def changelist_view(self, request, extra_context=None):
        return self._rendered_in(
            self.list_zone(request), super().changelist_view, request, extra_context
        )


def image_preview(image, alt: str):
    if not image:
        return "—"
    return format_html('<img class="u20-preview" src="{}" alt="{}">', image.url, alt)


class ThumbnailAdminMixin:
    """Derives the WebP thumbnails again when an organiser changes an image."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changed = [name for name in obj.THUMBNAILS if name in form.changed_data]
        if changed:
            refresh_thumbnails(obj, sources=changed)


class CityForm(SlugFromTitleForm):
    class Meta:
        model = City
        fields = "__all__"


@admin.register(City)
class CityAdmin(ContentAdmin):
    form = CityForm
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("name_en", "name_ar"),
                    ("country_en", "country_ar"),
                    "membership",
                    "slug",
                ]
            },
        ),
    ]
    list_display = ["name_en", "name_ar", "country", "membership"]
    list_filter = ["membership"]
    search_fields = ["name_en", "name_ar", "country_en", "country_ar", "slug"]


class ThemeForm(SlugFromTitleForm):
    class Meta:
        model = Theme
        fields = "__all__"


@admin.register(Theme)
class ThemeAdmin(ContentAdmin):
    form = ThemeForm
    fieldsets = [
        (None, {"fields": [("name_en", "name_ar"), ("description_en", "description_ar"), "slug"]}),
    ]
    list_display = ["name_en", "name_ar"]
    search_fields = ["name_en", "name_ar", "slug"]


class OrganisationForm(SlugFromTitleForm):
    class Meta:
        model = Organisation
        fields = "__all__"


@admin.register(Organisation)
class OrganisationAdmin(ThumbnailAdminMixin, ContentAdmin):
    form = OrganisationForm
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("name_en", "name_ar"),
                    ("acronym_en", "acronym_ar"),
                    "kind",
                    "website",
                    ("logo", "logo_preview"),
                    "slug",
                ]
            },
        ),
    ]
    readonly_fields = ["logo_preview"]
    list_display = ["list_logo", "name_en", "name_ar", "acronym", "kind"]
    list_display_links = ["name_en"]
    list_filter = ["kind"]
    search_fields = ["name_en", "name_ar", "acronym_en", "acronym_ar", "slug"]

    @admin.display(description=_("preview"))
    def logo_preview(self, obj):
        return image_preview(obj.logo_thumbnail or obj.logo, obj.name)

    @admin.display(description=_("logo"))
    def list_logo(self, obj):
        return image_preview(obj.logo_thumbnail, obj.name)


class SummitPartnerInline(BilingualAdminMixin, admin.TabularInline):
    model = SummitPartner
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = ["organisation", "role", "order"]


@admin.register(Summit)
class SummitAdmin(ContentAdmin):
    form = SummitForm
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("name_en", "name_ar"),
                    "slug",
                    "year",
                    "is_published",
                    "is_current",
                    "is_sample",
                ]
            },
        ),
        (
            _("When and where"),
            {
                "fields": [
                    ("start_date", "end_date"),
                    "time_zone",
                    "hijri_dates",
                    "host_city",
                    "is_virtual",
                ]
            },
        ),
        (
            _("Chair"),
            {"fields": [("chair_name_en", "chair_name_ar"), ("chair_title_en", "chair_title_ar")]},
        ),
        (_("About"), {"fields": [("summary_en", "summary_ar"), "themes"]}),
        (
            _("The agenda on other sites"),
            {
                "fields": ["embed_origins", "embed_code"],
                "description": _(
                    "Other sites can show this summit’s agenda in a frame: list their origins, "
                    "save, then give them the code below for the language they want."
                ),
            },
        ),
    ]
    readonly_fields = ["embed_code"]
    inlines = [SummitPartnerInline]
    prepopulated_fields = {"slug": ["name_en"]}
    list_display = ["name_en", "name_ar", "year", "start_date", "is_published", "is_current"]
    list_filter = ["is_published", "is_virtual", "is_sample"]
    search_fields = ["name_en", "name_ar", "slug"]
    autocomplete_fields = ["host_city"]
    filter_horizontal = ["themes"]
    date_hierarchy = "start_date"

    @admin.display(description=_("code to paste"))
    def embed_code(self, summit):
        """The frame and script for each language, ready to copy."""
        if summit.pk is None:
            return _("Save the summit to get the code.")
        notes = []
        if not summit.is_published:
            notes.append(_("The agenda shows in a frame once the summit is published."))
        if not embed.embed_origins(summit.embed_origins):
            notes.append(_("No site can show it in a frame until its origin is listed above."))
        codes = format_html_join(
            "",
            '<div class="u20-embed-code"><label for="{0}">{1}</label>'
            '<textarea id="{0}" readonly rows="12" cols="90" dir="ltr" lang="en" '
            'spellcheck="false">{2}</textarea></div>',
            (
                (f"embed-code-{code}", name, embed.embed_snippet(summit, lang=code))
                for code, name in settings.LANGUAGES
            ),
        )
        return format_html(
            "{}{}", format_html_join("", "<p>{}</p>", ((note,) for note in notes)), codes
        )


class DeliveryFilter(admin.SimpleListFilter):
    title = _("delivery")
    parameter_name = "delivery"

    def lookups(self, request, model_admin):
        return [
            ("sent", _("Sent")),
            ("unsent", _("Not sent yet")),
            ("failed", _("Given up")),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "sent":
                return queryset.sent()
            case "unsent":
                return queryset.unsent()
            case "failed":
                return queryset.given_up()
        return queryset


# An account email's link or code would let whoever reads it into the account.
WITHHELD = _("Withheld: this account security email carries a sign-in link or code.")


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(TimeZoneAdminMixin, admin.ModelAdmin):
    """The outbox, for reading: what was sent to whom, and what is stuck.
    Emails are written only by u20.outbox."""

    list_display = ["to", "subject", "kind", "created_at", "sent_at", "attempts", "failed_at"]
    list_filter = [DeliveryFilter, "kind", "is_sensitive"]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    fields = [
        "to",
        "reply_to",
        "language",
        "subject",
        "kind",
        "created_at",
        "sent_at",
        "failed_at",
        "attempts",
        "last_error",
        "is_sensitive",
        "text",
        "html_source",
        "attachment_names",
    ]
    readonly_fields = fields
    actions = ["send_again"]

    # Every attendee's and journalist's mail is here: only superusers read
    # it, whatever permissions a staff account was given by hand.
    def has_module_permission(self, request):
        return request.user.is_superuser and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # One email's page is for reading; the action is the only change.
        return obj is None and request.user.is_superuser and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    @admin.display(description=_("text"))
    def text(self, obj):
        if obj.is_sensitive:
            return WITHHELD
        return obj.body or "—"

    @admin.display(description=_("HTML"))
    def html_source(self, obj):
        # The source as text: a message's HTML never runs in the admin.
        if obj.is_sensitive:
            return WITHHELD
        if not obj.html:
            return "—"
        return format_html("<pre>{}</pre>", obj.html)

    @admin.display(description=_("attachments"))
    def attachment_names(self, obj):
        if not obj.attachments:
            return "—"
        return format_html_join(
            ", ", "{} ({})", ((a.get("filename"), a.get("mimetype")) for a in obj.attachments)
        )

    @admin.action(description=_("Try sending again"), permissions=["change"])
    def send_again(self, request, queryset):
        resent, skipped = outbox.resend(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d email will be sent again.",
                "%(count)d emails will be sent again.",
                resent,
            )
            % {"count": resent},
            level=messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d selected email was left alone: it is sent or being sent.",
                    "%(count)d selected emails were left alone: they are sent or being sent.",
                    skipped,
                )
                % {"count": skipped},
                level=messages.WARNING,
            )


# Who made a change the task worker or a command made.
NOBODY = _("Nobody: the task worker or a command")


class TrackedModelFilter(admin.SimpleListFilter):
    title = _("record type")
    # auditlog's own name for it, which its links use.
    parameter_name = "resource_type"

    def lookups(self, request, model_admin):
        return audit.model_choices()

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(content_type_id=value)
        return queryset


class ActorFilter(admin.SimpleListFilter):
    title = pgettext_lazy("audit trail filter", "author")
    parameter_name = "actor"
    NOBODY = "none"

    def lookups(self, request, model_admin):
        staff = ((user.pk, str(user)) for user in audit.staff_actors())
        return [(self.NOBODY, NOBODY), *staff]

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.NOBODY:
            return queryset.filter(actor__isnull=True)
        if value and value.isdigit():
            return queryset.filter(actor_id=value)
        return queryset


# auditlog registers its own admin for the trail; this one replaces it.
admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class AuditLogEntryAdmin(LogEntryAdmin):
    """The audit trail, for reading: auditlog's admin already refuses to add,
    change or delete an entry. Filtered by record type, by whom, by action
    and by date; each record's change page links to its own entries."""

    list_display = ["created", "resource_url", "action", "msg_short", "user_url"]
    list_filter = [
        "action",
        TrackedModelFilter,
        ActorFilter,
        ("timestamp", admin.DateFieldListFilter),
    ]

    @admin.display(description=_("changed by"))
    def user_url(self, obj):
        return super().user_url(obj) if obj.actor_id else NOBODY


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Django's user admin, with the reset of a lost second factor."""

    actions = [*UserAdmin.actions, "reset_second_factor"]

    @admin.action(description=_("Reset two-factor authentication"), permissions=["change"])
    def reset_second_factor(self, request, queryset):
        reset = 0
        for user in queryset:
            try:
                if security.reset_second_factor(user=user, by=request.user, request=request):
                    reset += 1
            except security.SecondFactorError as error:
                self.message_user(request, f"{user}: {error.message}", messages.ERROR)
        if reset:
            self.message_user(
                request,
                ngettext(
                    "%(count)d person will set up a new second factor at their next sign-in.",
                    "%(count)d people will set up a new second factor at their next sign-in.",
                    reset,
                )
                % {"count": reset},
                messages.SUCCESS,
            )
