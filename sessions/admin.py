import zoneinfo
from datetime import date

from django.contrib import admin, messages
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from sessions import selectors, services
from sessions.attendance_admin import AttendanceViews
from sessions.exports import attendees_table
from sessions.forms import ParticipantAdminForm, SessionForm, SpeakerForm
from sessions.models import (
    Participant,
    Recording,
    Registration,
    Session,
    SessionHost,
    SessionLanguage,
    SessionSpeaker,
    Speaker,
)
from u20.admin import ContentAdmin, ThumbnailAdminMixin, TimeZoneAdminMixin, image_preview
from u20.spreadsheets import csv_response
from u20.times import day_text

# A change to one of these is news for the people registered.
NEWS_FIELDS = frozenset({"capacity", "status", "starts_at", "ends_at", "join_url"})


def attendees_csv(session: Session) -> HttpResponse:
    """The session's attendee list as a CSV download that Excel opens in
    UTF-8 (hence the byte-order mark), Arabic names intact."""
    header, rows = attendees_table(session)
    return csv_response(f"{session.summit.slug}-{session.slug}-attendees.csv", header, rows)


def can_view_registrations(request) -> bool:
    opts = Registration._meta
    return request.user.has_perm(f"{opts.app_label}.{get_permission_codename('view', opts)}")


@admin.register(Speaker)
class SpeakerAdmin(ThumbnailAdminMixin, ContentAdmin):
    form = SpeakerForm
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("name_en", "name_ar"),
                    ("title_en", "title_ar"),
                    "organisation",
                    ("bio_en", "bio_ar"),
                    ("photo", "photo_preview"),
                    "slug",
                ]
            },
        ),
    ]
    readonly_fields = ["photo_preview"]
    list_display = ["list_photo", "name_en", "name_ar", "organisation"]
    list_display_links = ["name_en"]
    search_fields = ["name_en", "name_ar", "title_en", "title_ar", "slug"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation"]

    @admin.display(description=_("preview"))
    def photo_preview(self, obj):
        return image_preview(obj.photo_thumbnail or obj.photo, obj.name)

    @admin.display(description=_("photo"))
    def list_photo(self, obj):
        return image_preview(obj.photo_thumbnail, obj.name)


class SessionHostInline(admin.TabularInline):
    model = SessionHost
    extra = 0
    fields = ["city", "organisation", "order"]
    autocomplete_fields = ["city", "organisation"]
    verbose_name = _("host (a city or an organisation)")
    verbose_name_plural = _("hosts, in the order shown")


class SessionSpeakerInline(admin.TabularInline):
    model = SessionSpeaker
    extra = 0
    fields = ["speaker", "role", "order"]
    autocomplete_fields = ["speaker"]
    verbose_name_plural = _("speakers, in the order shown")


class DayFilter(admin.SimpleListFilter):
    """Sessions by the day they start, in their summit's time zone."""

    title = _("day")
    parameter_name = "day"

    def _summit(self, request):
        return selectors.summit_for_admin(summit_id=request.GET.get("summit__id__exact"))

    def lookups(self, request, model_admin):
        summit = self._summit(request)
        days = summit.days() if summit else []
        return [(day.isoformat(), day_text(day, summit, fmt="j M Y")) for day in days]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            day = date.fromisoformat(self.value())
        except ValueError:
            return queryset.none()
        summit = self._summit(request)
        return queryset.starting_on(day, summit.zone if summit else zoneinfo.ZoneInfo("UTC"))


class HostFilter(admin.SimpleListFilter):
    title = _("host")
    parameter_name = "host"

    def lookups(self, request, model_admin):
        return selectors.host_choices()

    def queryset(self, request, queryset):
        return queryset.hosted_by(self.value()) if self.value() else queryset


class SessionLanguageInline(admin.TabularInline):
    model = SessionLanguage
    fields = ["kind", "language", "join_url", "order"]
    extra = 0


class RecordingInline(admin.TabularInline):
    model = Recording
    fields = ["language", "url", "transcript"]
    extra = 0


@admin.register(Session)
class SessionAdmin(TimeZoneAdminMixin, ContentAdmin):
    form = SessionForm
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "summit",
                    ("title_en", "title_ar"),
                    "slug",
                    "kind",
                    "status",
                    "is_published",
                ]
            },
        ),
        (
            _("When"),
            {
                "fields": [("starts_at", "ends_at"), "typed_in_zone"],
                "description": _("Times are in the summit’s own time zone: %(zone)s."),
            },
        ),
        (_("About"), {"fields": [("description_en", "description_ar"), "themes"]}),
        (_("Online"), {"fields": ["capacity", "join_url", "livestream_url"]}),
        (
            _("Languages"),
            {
                "fields": ["floor_language"],
                "description": _(
                    "Interpretation channels, each with its own join link, and caption "
                    "languages are listed under “Languages offered” below."
                ),
            },
        ),
    ]
    registrations_fieldset = (
        _("Registrations"),
        {"fields": ["registration_summary", "registration_links"]},
    )
    readonly_fields = ["registration_summary", "registration_links"]
    inlines = [SessionHostInline, SessionSpeakerInline, SessionLanguageInline, RecordingInline]
    list_display = [
        "title",
        "summit",
        "starts_at",
        "kind",
        "status",
        "is_published",
        "confirmed_places",
        "capacity",
        "waitlist_length",
    ]
    list_filter = ["summit", DayFilter, "themes", HostFilter, "status", "kind", "is_published"]
    search_fields = ["title_en", "title_ar", "description_en", "description_ar", "slug"]
    date_hierarchy = "starts_at"
    list_select_related = ["summit"]
    filter_horizontal = ["themes"]
    actions = ["export_attendees"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_registration_counts()

    def zone_of(self, obj):
        return obj.summit.zone

    @admin.display(description=_("confirmed"), ordering="confirmed_count")
    def confirmed_places(self, obj):
        return obj.confirmed_count

    @admin.display(description=_("on the waitlist"), ordering="waitlist_count")
    def waitlist_length(self, obj):
        return obj.waitlist_count

    @admin.display(description=_("places"))
    def registration_summary(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        confirmed, waitlisted = obj.confirmed_count, obj.waitlist_count
        if obj.capacity is None:
            places = ngettext(
                "%(confirmed)d confirmed (no limit)",
                "%(confirmed)d confirmed (no limit)",
                confirmed,
            ) % {"confirmed": confirmed}
        else:
            places = ngettext(
                "%(confirmed)d confirmed of %(capacity)d",
                "%(confirmed)d confirmed of %(capacity)d",
                confirmed,
            ) % {"confirmed": confirmed, "capacity": obj.capacity}
        queue = ngettext("%(count)d on the waitlist", "%(count)d on the waitlist", waitlisted) % {
            "count": waitlisted
        }
        # Translators: places taken, then the waitlist, e.g. "12 confirmed of 50; 3 on the waitlist"
        return gettext("%(places)s; %(queue)s") % {"places": places, "queue": queue}

    @admin.display(description=_("registrations"))
    def registration_links(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        registrations = reverse(f"{self.admin_site.name}:agenda_registration_changelist")
        export = reverse(f"{self.admin_site.name}:agenda_session_attendees_csv", args=[obj.pk])
        return format_html(
            '<a href="{}?session__id__exact={}">{}</a> · <a href="{}">{}</a>',
            registrations,
            obj.pk,
            gettext("View registrations"),
            export,
            gettext("Export attendees as CSV"),
        )

    def get_fieldsets(self, request, obj=None):
        zone = timezone.get_current_timezone_name()
        fieldsets = []
        for name, options in super().get_fieldsets(request, obj):
            if "description" in options:
                options = {**options, "description": options["description"] % {"zone": zone}}
            fieldsets.append((name, options))
        if obj is not None and can_view_registrations(request):
            fieldsets.append(self.registrations_fieldset)
        return fieldsets

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        told = services.announce_recordings(session=form.instance)
        if told:
            self.message_user(
                request,
                ngettext(
                    "%(count)d registrant is told the recording is out.",
                    "%(count)d registrants are told the recording is out.",
                    told,
                )
                % {"count": told},
            )
        changed = NEWS_FIELDS.intersection(form.changed_data)
        if not (change and changed):
            return
        session = form.instance
        # The service tells registrants and fills places a raised capacity
        # freed; a lowered capacity never takes a place away from anyone.
        services.session_changed(session=session, changed=set(changed))
        confirmed = self.get_queryset(request).get(pk=session.pk).confirmed_count
        if session.capacity is not None and confirmed > session.capacity:
            self.message_user(
                request,
                gettext(
                    "%(confirmed)d people are confirmed, more than the new capacity of "
                    "%(capacity)d. Nobody loses their place; new registrations join the "
                    "waitlist."
                )
                % {"confirmed": confirmed, "capacity": session.capacity},
                level=messages.WARNING,
            )

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<int:object_id>/attendees.csv",
                self.admin_site.admin_view(self.attendees_csv_view),
                name="{}_{}_attendees_csv".format(*info),
            ),
            *AttendanceViews(self).urls(),
            *super().get_urls(),
        ]

    def has_export_attendees_permission(self, request) -> bool:
        return can_view_registrations(request)

    def attendees_csv_view(self, request, object_id):
        if not can_view_registrations(request):
            raise PermissionDenied
        session = self.get_object(request, str(object_id))
        if session is None:
            raise Http404
        return attendees_csv(session)

    @admin.action(description=_("Export attendees as CSV"), permissions=["export_attendees"])
    def export_attendees(self, request, queryset):
        sessions = list(queryset.select_related("summit")[:2])
        if len(sessions) != 1:
            self.message_user(
                request,
                gettext("Choose one session to export its attendees."),
                level=messages.WARNING,
            )
            return None
        return attendees_csv(sessions[0])

    def form_zone(self, request, object_id=None):
        """Times are typed and shown in the zone of the summit the form is
        about: the one chosen on the form, else the session's."""
        summit = selectors.summit_for_admin(
            summit_id=request.POST.get("summit") or request.GET.get("summit"),
            session_id=object_id,
        )
        return summit.zone if summit else zoneinfo.ZoneInfo("UTC")


@admin.register(Registration)
class RegistrationAdmin(TimeZoneAdminMixin, admin.ModelAdmin):
    """Who holds a place and who waits. Every change goes through
    sessions.services, so capacity holds and a freed place is passed on."""

    list_display = [
        "session",
        "participant",
        "email",
        "status",
        "waitlist_position",
        "created_at",
    ]
    list_filter = [
        ("session__summit", admin.RelatedOnlyFieldListFilter),
        "session",
        "status",
    ]
    search_fields = [
        "participant__full_name",
        "participant__user__email",
        "session__title_en",
        "session__title_ar",
    ]
    list_select_related = ["session__summit", "participant", "participant__user"]
    fields = [
        "session",
        "participant",
        "email",
        "status",
        "waitlist_position",
        "created_at",
        "confirmed_at",
        "waitlisted_at",
        "cancelled_at",
        "updated_at",
    ]
    readonly_fields = fields
    actions = ["cancel_registrations", "promote_registrations"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        return super().get_queryset(request).with_waitlist_place()

    def zone_of(self, obj):
        return obj.session.summit.zone

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # The page of one registration is for reading; the actions change it.
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        # Deleting would free a place without passing it on: cancel instead.
        return False

    @admin.display(description=_("email"), ordering="participant__user__email")
    def email(self, obj):
        return obj.participant.user.email

    @admin.display(description=_("waitlist position"), ordering="waitlist_place")
    def waitlist_position(self, obj):
        return obj.waitlist_position()

    @admin.action(description=_("Cancel the selected registrations"), permissions=["change"])
    def cancel_registrations(self, request, queryset):
        cancelled = promoted = 0
        # The waitlisted first: none of them is promoted, and told so, only to
        # be cancelled a moment later.
        registrations = queryset.active().select_related("session").order_by("-status", "pk")
        for registration in registrations:
            promoted += len(services.cancel(registration=registration, by_organiser=True))
            cancelled += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d registration cancelled.",
                "%(count)d registrations cancelled.",
                cancelled,
            )
            % {"count": cancelled}
            + " "
            + ngettext(
                "%(count)d person was promoted from the waitlist.",
                "%(count)d people were promoted from the waitlist.",
                promoted,
            )
            % {"count": promoted},
            level=messages.SUCCESS,
        )

    @admin.action(description=_("Promote from the waitlist"), permissions=["change"])
    def promote_registrations(self, request, queryset):
        promoted = 0
        # In queue order, so people promoted together keep their order.
        registrations = queryset.select_related("session", "participant").order_by(
            "session", "waitlisted_at", "pk"
        )
        for registration in registrations:
            try:
                services.promote(registration=registration)
            except services.RegistrationError as error:
                self.message_user(
                    request,
                    f"{registration.participant}: {error.message}",
                    level=messages.ERROR,
                )
            else:
                promoted += 1
        if promoted:
            self.message_user(
                request,
                ngettext(
                    "%(count)d person was promoted from the waitlist.",
                    "%(count)d people were promoted from the waitlist.",
                    promoted,
                )
                % {"count": promoted},
                level=messages.SUCCESS,
            )


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    """Attendees' profiles. They sign up themselves; an account is deleted
    through services.delete_account, which passes their places on."""

    form = ParticipantAdminForm
    list_display = ["full_name", "email", "organisation", "role", "country", "language"]
    list_filter = ["role", "language"]
    search_fields = ["full_name", "user__email", "organisation", "country"]
    list_select_related = ["user"]
    # The calendar token is a password to the person's feed: never shown.
    fields = [
        "full_name",
        "email",
        "organisation",
        "role",
        "country",
        "language",
        "time_zone",
        "registrations_link",
    ]
    readonly_fields = ["email", "registrations_link"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("email"), ordering="user__email")
    def email(self, obj):
        return obj.user.email

    @admin.display(description=_("registrations"))
    def registrations_link(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        url = reverse(f"{self.admin_site.name}:agenda_registration_changelist")
        return format_html(
            '<a href="{}?participant__id__exact={}">{}</a>',
            url,
            obj.pk,
            gettext("View registrations"),
        )
