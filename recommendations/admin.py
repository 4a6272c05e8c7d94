"""Organisers enter a whole communiqué on one page: its areas, its numbered
recommendations and the cities that endorsed it, both languages side by
side. Each recommendation's own page holds its follow-up updates."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from recommendations import services
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
from u20.admin import BilingualAdminMixin, ContentAdmin
from u20.models import Summit, Theme


def _numbers(values) -> str:
    return ", ".join(str(value) for value in values)


class NumberedForm(forms.ModelForm):
    """A row of a numbered inline. Its number is checked against the other
    rows of the form (NumberedFormSet.clean), not against the database: the
    saved rows may be renumbered in the same submit, 3 and 4 swapped, say."""

    def validate_constraints(self):
        exclude = self._get_validation_exclusions() | {"number"}
        try:
            self.instance.validate_constraints(exclude=exclude)
        except ValidationError as error:
            self._update_errors(error)


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


class RecommendationFormSet(NumberedFormSet):
    def duplicates_error(self, numbers):
        return ngettext(
            "Recommendation number %(numbers)s is used more than once: give each "
            "recommendation its own number.",
            "Recommendation numbers %(numbers)s are used more than once: give each "
            "recommendation its own number.",
            len(numbers),
        ) % {"numbers": _numbers(numbers)}

    def missing_error(self, numbers):
        return ngettext(
            "Recommendations are numbered 1 to N across all areas, with no gap: number "
            "%(numbers)s is missing.",
            "Recommendations are numbered 1 to N across all areas, with no gap: numbers "
            "%(numbers)s are missing.",
            len(numbers),
        ) % {"numbers": _numbers(numbers)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        communique = self.instance
        # Each row offers the same choices: read them once, not once a row.
        self._querysets = {
            "area": Area.objects.filter(communique=communique)
            if communique.pk
            else Area.objects.none(),
            "themes": Theme.objects.all(),
            "sessions": Session.objects.filter(summit_id=communique.summit_id).order_by("starts_at")
            if communique.summit_id
            else Session.objects.none(),
        }
        self._choices = {}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name, queryset in self._querysets.items():
            field = form.fields.get(name)
            if field is None:
                continue
            field.queryset = queryset
            if name not in self._choices:
                self._choices[name] = list(field.choices)
            field.widget.choices = self._choices[name]


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


class RecommendationInline(BilingualAdminMixin, admin.StackedInline):
    model = Recommendation
    form = NumberedForm
    formset = RecommendationFormSet
    extra = 0
    show_change_link = True
    fieldsets = [
        (None, {"fields": [("number", "area"), ("text_en", "text_ar"), ("themes", "sessions")]})
    ]
    verbose_name_plural = _("recommendations, numbered 1 to N across all areas")
    # A recommendation is a sentence or two: short boxes keep 27 of them
    # on a page that can still be read.
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3})}}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("themes", "sessions")


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

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None:
            fieldsets.append(self.first_save_fieldset)
        return fieldsets

    def get_inlines(self, request, obj):
        if obj is None:
            return [inline for inline in self.inlines if inline is not RecommendationInline]
        return self.inlines

    @admin.action(
        description=_("Number the recommendations 1 to N in area order"), permissions=["change"]
    )
    def renumber(self, request, queryset):
        for communique in queryset:
            services.renumber_recommendations(communique=communique)
        Summit.objects.content_changed()
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


@admin.register(Recommendation)
class RecommendationAdmin(ContentAdmin):
    """One recommendation: its text, where it was discussed and what became
    of it. Recommendations are added and numbered on their communiqué's page,
    where the whole numbering is checked at once."""

    fieldsets = [
        (None, {"fields": ["communique", "number", "area", ("text_en", "text_ar")]}),
        (_("Themes and sessions"), {"fields": ["themes", "sessions"]}),
    ]
    readonly_fields = ["communique", "number"]
    inlines = [FollowUpUpdateInline]
    list_display = ["number", "short_text", "area", "communique", "status_display"]
    list_display_links = ["number", "short_text"]
    list_filter = ["communique", StatusFilter, "themes"]
    list_select_related = ["communique", "area"]
    search_fields = ["text_en", "text_ar"]
    filter_horizontal = ["themes", "sessions"]

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).with_status()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            form.base_fields["area"].queryset = Area.objects.filter(communique=obj.communique_id)
            form.base_fields["sessions"].queryset = Session.objects.filter(
                summit_id=obj.communique.summit_id
            )
        return form

    @admin.display(description=_("text"))
    def short_text(self, obj):
        return Truncator(obj.text).words(16)

    @admin.display(description=_("current status"), ordering="current_status")
    def status_display(self, obj):
        return obj.get_status_display()
