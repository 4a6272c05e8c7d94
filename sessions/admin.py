import zoneinfo
from datetime import date

from django.contrib import admin
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from sessions.models import Session, SessionHost, SessionSpeaker, Speaker
from u20.admin import ContentAdmin, ThumbnailAdminMixin, image_preview
from u20.forms import SlugFromTitleForm
from u20.models import Summit
from u20.times import day_bounds


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
    inlines = [SessionHostInline, SessionSpeakerInline]
    list_display = ["title", "summit", "summit_start", "kind", "status", "is_published"]
    list_filter = ["summit", DayFilter, "themes", HostFilter, "status", "kind", "is_published"]
    search_fields = ["title_en", "title_ar", "description_en", "description_ar", "slug"]
    date_hierarchy = "starts_at"
    list_select_related = ["summit"]
    filter_horizontal = ["themes"]

    @admin.display(description=_("starts (summit time)"), ordering="starts_at")
    def summit_start(self, obj):
        return formats.date_format(obj.starts_at.astimezone(obj.summit.zone), "j M Y, H:i")

    def get_fieldsets(self, request, obj=None):
        zone = timezone.get_current_timezone_name()
        fieldsets = []
        for name, options in super().get_fieldsets(request, obj):
            if "description" in options:
                options = {**options, "description": options["description"] % {"zone": zone}}
            fieldsets.append((name, options))
        return fieldsets

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
