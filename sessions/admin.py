import zoneinfo
from datetime import date

from django.contrib import admin, messages
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from sessions import services
from sessions.models import (
    Participant,
    Registration,
    Session,
    SessionHost,
    SessionSpeaker,
    Speaker,
)
from u20.admin import ContentAdmin, ThumbnailAdminMixin, image_preview
from u20.forms import SlugFromTitleForm
from u20.models import Summit
from u20.spreadsheets import csv_response
from u20.times import day_bounds

# A change to one of these is news for the people registered.
NEWS_FIELDS = frozenset({"capacity", "status", "starts_at", "ends_at", "join_url"})


def _count_registrations(status: str):
    """How many registrations of a status a session has, as a subquery: it
    stays right whatever joins the changelist's filters add."""
    count = (
        Registration.objects.filter(session=OuterRef("pk"), status=status)
        .order_by()
        .values("session")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(count, output_field=IntegerField()), Value(0))


def with_waitlist_place(queryset):
    """Annotate each registration with its place in its session's queue
    (None unless waitlisted), the order `Registration.waitlist_position()`
    gives, in the same query as the list."""
    waitlisted = Registration.Status.WAITLISTED
    ahead = (
        Registration.objects.filter(session=OuterRef("session"), status=waitlisted)
        .filter(
            Q(waitlisted_at__lt=OuterRef("waitlisted_at"))
            | Q(waitlisted_at=OuterRef("waitlisted_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("session")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return queryset.annotate(
        waitlist_place=Case(
            When(
                status=waitlisted,
                then=Coalesce(Subquery(ahead, output_field=IntegerField()), Value(0)) + 1,
            ),
            default=None,
            output_field=IntegerField(),
        )
    )


def attendees_csv(session: Session) -> HttpResponse:
    """Confirmed registrants, then the waitlist in its order, as CSV that
    Excel opens in UTF-8 (hence the byte-order mark), Arabic names intact."""
    registrations = Registration.objects.filter(session=session).select_related("participant__user")
    confirmed = registrations.confirmed().order_by("created_at", "pk")
    # The queue in the order services.promote_waitlist takes it, so counting
    # gives each person the position Registration.waitlist_position() does.
    queue = registrations.queue()
    zone = session.summit.zone
    header = [
        gettext("Full name"),
        gettext("Email"),
        gettext("Organisation"),
        gettext("Role"),
        gettext("Country"),
        gettext("Preferred language"),
        gettext("Status"),
        gettext("Waitlist position"),
        gettext("Registered at"),
    ]
    places = [(registration, None) for registration in confirmed]
    places += [(registration, n) for n, registration in enumerate(queue, start=1)]
    rows = (
        (
            registration.participant.full_name,
            registration.participant.user.email,
            registration.participant.organisation,
            registration.participant.get_role_display(),
            registration.participant.country,
            registration.participant.get_language_display(),
            registration.get_status_display(),
            position,
            registration.created_at.astimezone(zone).isoformat(timespec="seconds"),
        )
        for registration, position in places
    )
    return csv_response(f"{session.summit.slug}-{session.slug}-attendees.csv", header, rows)


def can_view_registrations(request) -> bool:
    opts = Registration._meta
    return request.user.has_perm(f"{opts.app_label}.{get_permission_codename('view', opts)}")


class SpeakerForm(SlugFromTitleForm):
    class Meta:
        model = Speaker
        fields = "__all__"


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


class SessionForm(SlugFromTitleForm):
    slug_sources = ("title_en", "title_ar")

    class Meta:
        model = Session
        fields = "__all__"

    def slug_scope(self, cleaned_data):
        return Session.objects.filter(summit=cleaned_data.get("summit"))

    def clean(self):
        cleaned_data = super().clean()
        if not (cleaned_data.get("title_en") or cleaned_data.get("title_ar")):
            self.add_error("title_en", _("Give the session a title in at least one language."))
        return cleaned_data


class DayFilter(admin.SimpleListFilter):
    """Sessions by the day they start, in their summit's time zone."""

    title = _("day")
    parameter_name = "day"

    def lookups(self, request, model_admin):
        summit_id = request.GET.get("summit__id__exact")
        summits = Summit.objects.filter(pk=summit_id) if summit_id else Summit.objects.current()
        days = [(day, summit) for summit in summits for day in summit.days()]
        return [(day.isoformat(), formats.date_format(day, "j M Y")) for day, _summit in days]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            day = date.fromisoformat(self.value())
        except ValueError:
            return queryset.none()
        summit_id = request.GET.get("summit__id__exact")
        summit = (
            Summit.objects.filter(pk=summit_id) if summit_id else Summit.objects.current()
        ).first()
        zone = summit.zone if summit else zoneinfo.ZoneInfo("UTC")
        start, end = day_bounds(day, zone)
        return queryset.filter(starts_at__gte=start, starts_at__lt=end)


class HostFilter(admin.SimpleListFilter):
    title = _("host")
    parameter_name = "host"

    def lookups(self, request, model_admin):
        hosts = SessionHost.objects.select_related("city", "organisation")
        seen = {}
        for link in hosts:
            seen.setdefault(link.slug, str(link.host))
        return sorted(seen.items(), key=lambda item: item[1])

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        return queryset.filter(
            Q(hosts__city__slug=self.value()) | Q(hosts__organisation__slug=self.value())
        ).distinct()


@admin.register(Session)
class SessionAdmin(ContentAdmin):
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
                "fields": [("starts_at", "ends_at")],
                "description": _("Times are in the summit’s own time zone: %(zone)s."),
            },
        ),
        (_("About"), {"fields": [("description_en", "description_ar"), "themes"]}),
        (_("Online"), {"fields": ["capacity", "join_url", "recording_url"]}),
    ]
    registrations_fieldset = (
        _("Registrations"),
        {"fields": ["registration_summary", "registration_links"]},
    )
    readonly_fields = ["registration_summary", "registration_links"]
    inlines = [SessionHostInline, SessionSpeakerInline]
    list_display = [
        "title",
        "summit",
        "summit_start",
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
        return (
            super()
            .get_queryset(request)
            .annotate(
                confirmed_count=_count_registrations(Registration.Status.CONFIRMED),
                waitlist_count=_count_registrations(Registration.Status.WAITLISTED),
            )
        )

    @admin.display(description=_("starts (summit time)"), ordering="starts_at")
    def summit_start(self, obj):
        return formats.date_format(obj.starts_at.astimezone(obj.summit.zone), "j M Y, H:i")

    @staticmethod
    def _counts(obj) -> tuple[int, int]:
        if hasattr(obj, "confirmed_count"):
            return obj.confirmed_count, obj.waitlist_count
        registrations = Registration.objects.filter(session=obj)
        return registrations.confirmed().count(), registrations.waitlisted().count()

    @admin.display(description=_("confirmed"), ordering="confirmed_count")
    def confirmed_places(self, obj):
        return self._counts(obj)[0]

    @admin.display(description=_("on the waitlist"), ordering="waitlist_count")
    def waitlist_length(self, obj):
        return self._counts(obj)[1]

    @admin.display(description=_("places"))
    def registration_summary(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        confirmed, waitlisted = self._counts(obj)
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
        changed = NEWS_FIELDS.intersection(form.changed_data)
        if not (change and changed):
            return
        session = form.instance
        # The service tells registrants and fills places a raised capacity
        # freed; a lowered capacity never takes a place away from anyone.
        services.session_changed(session=session, changed=set(changed))
        confirmed = Registration.objects.confirmed().filter(session=session).count()
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
            *super().get_urls(),
        ]

    def has_export_attendees_permission(self, request) -> bool:
        return can_view_registrations(request)

    def attendees_csv_view(self, request, object_id):
        if not can_view_registrations(request):
            raise PermissionDenied
        session = get_object_or_404(Session.objects.select_related("summit"), pk=object_id)
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

    def _summit_for_form(self, request, object_id):
        """The summit whose time zone the form's times are typed and shown in."""
        summit_id = request.POST.get("summit") or request.GET.get("summit")
        if summit_id and str(summit_id).isdigit():
            summit = Summit.objects.filter(pk=summit_id).first()
            if summit:
                return summit
        if object_id and str(object_id).isdigit():
            summit = Summit.objects.filter(sessions__pk=object_id).first()
            if summit:
                return summit
        return Summit.objects.current().first()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        summit = self._summit_for_form(request, object_id)
        zone = summit.zone if summit else zoneinfo.ZoneInfo("UTC")
        with timezone.override(zone):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            # Render now: a template response would otherwise render after the
            # override ends, showing the times in UTC.
            if hasattr(response, "render"):
                response.render()
        return response


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
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
    list_select_related = ["session", "participant", "participant__user"]
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
        return with_waitlist_place(super().get_queryset(request))

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
        if hasattr(obj, "waitlist_place"):
            return obj.waitlist_place
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
