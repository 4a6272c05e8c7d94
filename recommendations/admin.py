"""Organisers enter a communiqué on its page: its areas, the cities that
endorsed it, and a compact table of its recommendations (number, text, area)
where they are renumbered or deleted, the numbering checked as a whole. Each
recommendation has its own list and page for its text in both languages,
themes, sessions and follow-up updates, so the communiqué's page stays short
and quick to save however many recommendations it has."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import QueryDict
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from recommendations import services
from recommendations.forms import NumberedForm, RecommendationForm, RowAlreadyRead
from recommendations.models import (
    STATUS_LABELS,
    Area,
    Communique,
    Endorsement,
    FollowUpUpdate,
    Recommendation,
    Status,
)
from sessions.models import Session
from u20 import pagecache
from u20.admin import BilingualAdminMixin, ContentAdmin

# The list's filter by communiqué, under the name Django's filter gives it.
COMMUNIQUE_PARAM = "communique__id__exact"
MAX_ID = 2**63 - 1


def _numbers(values) -> str:
    return ", ".join(str(value) for value in values)


class NumberedFormSet(BaseInlineFormSet):
    """Rows numbered 1..N: a gap or a number used twice is a form error, in
    the organiser's language, never a database error."""

    def duplicates_error(self, numbers: list[int]) -> str:
        raise NotImplementedError

    def missing_error(self, numbers: list[int]) -> str:
        raise NotImplementedError

    def kept_forms(self):
        return [
            form
            for form in self.forms
            if not self._should_delete_form(form)
            and getattr(form, "cleaned_data", None)
            and form.cleaned_data.get("number") is not None
        ]

    def clean(self):
        forms_kept = self.kept_forms()
        problems = services.numbering_problems(form.cleaned_data["number"] for form in forms_kept)
        errors = []
        if problems.duplicates:
            message = self.duplicates_error(problems.duplicates)
            errors.append(message)
            for form in forms_kept:
                if form.cleaned_data["number"] in problems.duplicates:
                    form.add_error("number", message)
        if problems.missing:
            errors.append(self.missing_error(problems.missing))
        if errors:
            raise ValidationError(errors)
        super().clean()

    def save(self, commit=True):
        if commit:
            moving = [
                form.instance.pk
                for form in self.initial_forms
                if form.instance.pk
                and (self._should_delete_form(form) or "number" in form.changed_data)
            ]
            services.make_room(model=self.model, communique=self.instance, pks=moving)
        return super().save(commit)


class AreaFormSet(NumberedFormSet):
    def duplicates_error(self, numbers):
        return ngettext(
            "Area number %(numbers)s is used more than once: give each area its own number.",
            "Area numbers %(numbers)s are used more than once: give each area its own number.",
            len(numbers),
        ) % {"numbers": _numbers(numbers)}

    def missing_error(self, numbers):
        return ngettext(
            "Areas are numbered 1, 2, 3 and so on, with no gap: number %(numbers)s is missing.",
            "Areas are numbered 1, 2, 3 and so on, with no gap: numbers %(numbers)s are missing.",
            len(numbers),
        ) % {"numbers": _numbers(numbers)}


def recommendation_duplicates_error(numbers: list[int]) -> str:
    return ngettext(
        "Recommendation number %(numbers)s is used more than once: give each "
        "recommendation its own number.",
        "Recommendation numbers %(numbers)s are used more than once: give each "
        "recommendation its own number.",
        len(numbers),
    ) % {"numbers": _numbers(numbers)}


def recommendation_missing_error(numbers: list[int]) -> str:
    return ngettext(
        "Recommendations are numbered 1 to N across all areas, with no gap: number "
        "%(numbers)s is missing.",
        "Recommendations are numbered 1 to N across all areas, with no gap: numbers "
        "%(numbers)s are missing.",
        len(numbers),
    ) % {"numbers": _numbers(numbers)}


class RecommendationFormSet(NumberedFormSet):
    def duplicates_error(self, numbers):
        return recommendation_duplicates_error(numbers)

    def missing_error(self, numbers):
        return recommendation_missing_error(numbers)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if not hasattr(self, "_rows"):
            self._rows = {row.pk: row for row in self.get_queryset()}
        name = self.model._meta.pk.name
        field = form.fields[name]
        form.fields[name] = RowAlreadyRead(
            field.queryset,
            rows=self._rows,
            initial=field.initial,
            required=False,
            widget=field.widget,
        )
        # A table cell's input has no label of its own: name it after its row.
        row = {"recommendation": form.instance}
        labels = {
            "number": _("Number of %(recommendation)s"),
            "DELETE": _("Delete %(recommendation)s"),
        }
        for name, label in labels.items():
            if name in form.fields:
                form.fields[name].widget.attrs["aria-label"] = label % row


class AreaInline(BilingualAdminMixin, admin.StackedInline):
    model = Area
    form = NumberedForm
    formset = AreaFormSet
    extra = 0
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "number",
                    ("title_en", "title_ar"),
                    ("introduction_en", "introduction_ar"),
                ]
            },
        )
    ]
    verbose_name_plural = _("areas, numbered 1, 2, 3 …")


class RecommendationInline(admin.TabularInline):
    """One line a recommendation: its number, the start of its text and its
    area, with a link to its own page for everything else. Numbers are
    changed and rows deleted here, where the whole numbering is checked;
    recommendations are added on their own page."""

    model = Recommendation
    form = NumberedForm
    formset = RecommendationFormSet
    extra = 0
    show_change_link = True
    fields = ["number", "excerpt", "area"]
    readonly_fields = ["excerpt", "area"]
    ordering = ["number"]
    verbose_name_plural = _("recommendations, numbered 1 to N across all areas")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("area")

    @admin.display(description=_("text"))
    def excerpt(self, obj):
        return Truncator(obj.text).words(12)


class EndorsementFormSet(BaseInlineFormSet):
    def get_unique_error_message(self, unique_check):
        return _("A city is listed twice: each city endorses a communiqué once.")


class EndorsementInline(BilingualAdminMixin, admin.TabularInline):
    model = Endorsement
    formset = EndorsementFormSet
    extra = 0
    autocomplete_fields = ["city"]
    fields = [
        "city",
        "signatory_name_en",
        "signatory_name_ar",
        "signatory_title_en",
        "signatory_title_ar",
        "endorsed_on",
    ]
    verbose_name_plural = _("endorsing cities")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("city")


@admin.register(Communique)
class CommuniqueAdmin(ContentAdmin):
    fieldsets = [
        (None, {"fields": ["summit", ("title_en", "title_ar"), "is_published", "is_summary"]}),
        (_("Preamble"), {"fields": [("preamble_en", "preamble_ar")]}),
        (
            _("Handover"),
            {"fields": ["handed_over_on", ("handed_over_to_en", "handed_over_to_ar"), "pdf"]},
        ),
    ]
    first_save_fieldset = (
        _("Recommendations"),
        {
            "fields": [],
            "description": _(
                "Enter the areas below, then choose “Save and continue editing”: the "
                "recommendations are added once the areas they belong to exist."
            ),
        },
    )
    inlines = [AreaInline, RecommendationInline, EndorsementInline]
    list_display = ["title_en", "title_ar", "summit", "is_published", "handed_over_on"]
    list_filter = ["is_published"]
    list_select_related = ["summit"]
    search_fields = ["title_en", "title_ar", "summit__name_en", "summit__name_ar"]
    autocomplete_fields = ["summit"]
    actions = ["renumber"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "pdf":
            # The admin shows a file input under a legend, which names no input.
            field.widget.attrs["aria-label"] = capfirst(db_field.verbose_name)
        return field

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None:
            fieldsets.append(self.first_save_fieldset)
        return fieldsets

    def get_inlines(self, request, obj):
        if obj is None:
            return [inline for inline in self.inlines if inline is not RecommendationInline]
        return self.inlines

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["recommendation_links"] = self.recommendation_links(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def recommendation_links(self, request, communique) -> dict | None:
        """Where the communiqué's page sends an editor for its recommendations:
        their list, filtered to this communiqué, and the form for a new one,
        which comes back to that list once saved."""
        recommendation_admin = self.admin_site.get_model_admin(Recommendation)
        if not recommendation_admin.has_view_or_change_permission(request):
            return None
        filters = urlencode({COMMUNIQUE_PARAM: communique.pk})
        links = {
            "count": communique.recommendations.count(),
            "list_url": f"{self._url('changelist')}?{filters}",
        }
        if recommendation_admin.has_add_permission(request):
            links["add_url"] = f"{self._url('add')}?{urlencode({'_changelist_filters': filters})}"
        return links

    def _url(self, view: str) -> str:
        return reverse(
            f"admin:recommendations_recommendation_{view}", current_app=self.admin_site.name
        )

    @admin.action(
        description=_("Number the recommendations 1 to N in area order"), permissions=["change"]
    )
    def renumber(self, request, queryset):
        for communique in queryset:
            services.renumber_recommendations(communique=communique)
        pagecache.content_changed()
        self.message_user(
            request,
            ngettext(
                "The recommendations of %(count)d communiqué are numbered again.",
                "The recommendations of %(count)d communiqués are numbered again.",
                len(queryset),
            )
            % {"count": len(queryset)},
            level=messages.SUCCESS,
        )


class FollowUpUpdateInline(BilingualAdminMixin, admin.StackedInline):
    model = FollowUpUpdate
    extra = 0
    fieldsets = [(None, {"fields": [("date", "status"), ("note_en", "note_ar"), "source_url"]})]
    verbose_name_plural = _("follow-up updates: the latest gives the current status")


class StatusFilter(admin.SimpleListFilter):
    title = _("current status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Status.choices

    def queryset(self, request, queryset):
        if self.value() in STATUS_LABELS:
            return queryset.filter(current_status=self.value())
        return queryset


def _row_id(value) -> int | None:
    """A row id read from a query string, or None for anything else (a
    number too large for the database is no id either)."""
    if isinstance(value, str) and value.isdigit() and int(value) <= MAX_ID:
        return int(value)
    return None


def communique_of_request(request) -> int | None:
    """The communiqué a new recommendation is for: chosen in the form, asked
    for in the address, or the one the list it was opened from shows. Its
    page then offers only that communiqué's areas and its summit's sessions."""
    listed = QueryDict(request.GET.get("_changelist_filters", "")).get(COMMUNIQUE_PARAM)
    for value in (request.POST.get("communique"), request.GET.get("communique"), listed):
        if (communique_id := _row_id(value)) is not None:
            return communique_id
    return None


class AreaFilter(admin.SimpleListFilter):
    """The areas of the communiqué the list shows. Areas are numbered afresh
    in every communiqué, so the filter appears once a communiqué is chosen."""

    title = _("area")
    parameter_name = "area"

    def lookups(self, request, model_admin):
        communique_id = _row_id(request.GET.get(COMMUNIQUE_PARAM))
        if communique_id is None:
            return []
        return [(str(area.pk), str(area)) for area in Area.objects.filter(communique=communique_id)]

    def queryset(self, request, queryset):
        if self.value() in dict(self.lookup_choices):
            return queryset.filter(area=self.value())
        return queryset


@admin.register(Recommendation)
class RecommendationAdmin(ContentAdmin):
    """One recommendation: its text, where it was discussed and what became
    of it, and the list of them to find one in. A new one is added here with
    a free number; the numbering as a whole is changed on the communiqué's
    page, where it is checked at once."""

    form = RecommendationForm
    fieldsets = [
        (None, {"fields": ["communique", "number", "area", ("text_en", "text_ar")]}),
        (_("Themes and sessions"), {"fields": ["themes", "sessions"]}),
    ]
    inlines = [FollowUpUpdateInline]
    list_display = ["number", "short_text", "area", "communique", "status_display"]
    list_display_links = ["number", "short_text"]
    list_filter = ["communique", AreaFilter, StatusFilter, "themes"]
    list_select_related = ["communique", "area"]
    search_fields = ["number__exact", "text_en", "text_ar", "area__title_en", "area__title_ar"]
    ordering = ["-communique__summit__start_date", "number"]
    # Ticked in a list: a summit's themes and sessions are few, and the
    # admin's two-box chooser names its search fields in a way screen
    # readers cannot use.
    formfield_overrides = {
        models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple},
    }

    def get_queryset(self, request):
        return super().get_queryset(request).with_status()

    def delete_model(self, request, obj):
        communique = obj.communique
        super().delete_model(request, obj)
        self.close_gaps(request, [communique])

    def delete_queryset(self, request, queryset):
        communiques = list(Communique.objects.filter(pk__in=queryset.values("communique")))
        super().delete_queryset(request, queryset)
        self.close_gaps(request, communiques)

    def close_gaps(self, request, communiques) -> None:
        """A deletion leaves no gap in the numbering: the recommendations after
        it move up, as the communiqué's renumbering action would move them."""
        for communique in communiques:
            services.renumber_recommendations(communique=communique)
        pagecache.content_changed()
        self.message_user(
            request,
            _("The communiqué’s recommendations are numbered again, with no gap."),
            level=messages.INFO,
        )

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return ["communique", "number"]
        return []

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        communique_id = communique_of_request(request)
        if communique_id is not None:
            initial.setdefault("communique", communique_id)
            initial.setdefault("number", RecommendationForm.next_number(communique_id))
        return initial

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        fields = form.base_fields
        communique = None
        if obj is not None:
            communique = {"pk": obj.communique_id, "summit_id": obj.communique.summit_id}
        elif (communique_id := communique_of_request(request)) is not None:
            communique = (
                Communique.objects.filter(pk=communique_id).values("pk", "summit_id").first()
            )
        if "number" in fields:
            fields["number"].help_text = _(
                "To place the new recommendation elsewhere, save it, then change the numbers "
                "on the communiqué’s page."
            )
        if "area" in fields and communique is None:
            # Area numbers start again in every communiqué: say whose each is.
            fields["area"].queryset = Area.objects.select_related("communique")
            fields["area"].label_from_instance = lambda area: f"{area.communique} – {area}"
        elif "area" in fields:
            fields["area"].queryset = Area.objects.filter(communique=communique["pk"])
        if "sessions" in fields and communique is not None:
            fields["sessions"].queryset = Session.objects.filter(summit_id=communique["summit_id"])
        return form

    @admin.display(description=_("text"))
    def short_text(self, obj):
        return Truncator(obj.text).words(16)

    @admin.display(description=_("current status"), ordering="current_status")
    def status_display(self, obj):
        return obj.get_status_display()
