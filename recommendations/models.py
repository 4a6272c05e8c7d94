"""A summit's communiqué: its areas and numbered recommendations, the cities
that endorsed it, and what became of each recommendation afterwards."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from u20.models import City, Summit, Theme, one_of
from u20.pdfs import validate_pdf

# Numbers are small integers in the database; a larger one in a URL is no
# recommendation, and must not reach the query (SQLite cannot bind it).
MAX_NUMBER = 32767


def pdf_upload_to(instance: models.Model, filename: str) -> str:
    """A server-made name: nothing of the uploader's file name reaches disk."""
    return f"communiques/{uuid.uuid4().hex}.pdf"


class CommuniqueQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, summit__is_published=True)


class Communique(models.Model):
    summit = models.OneToOneField(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="communique"
    )
    title = models.CharField(_("title"), max_length=250)
    preamble = models.TextField(_("preamble"), blank=True)
    handed_over_on = models.DateField(_("handed over on"), null=True, blank=True)
    handed_over_to = models.CharField(
        _("handed over to"),
        max_length=250,
        blank=True,
        help_text=_("For example: the G20 Presidency."),
    )
    is_summary = models.BooleanField(
        _("summary, not the official text"),
        default=False,
        help_text=_(
            "Tick when the recommendations are summarised in our own words: the page says so."
        ),
    )
    pdf = models.FileField(
        _("PDF of the official text"),
        upload_to=pdf_upload_to,
        blank=True,
        validators=[validate_pdf],
    )
    is_published = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CommuniqueQuerySet.as_manager()

    class Meta:
        verbose_name = _("communiqué")
        verbose_name_plural = _("communiqués")
        ordering = ["-summit__start_date"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("recommendations:communique", kwargs={"summit": self.summit.slug})

    def get_pdf_url(self) -> str:
        """Where readers download the official text: our own view, which sends
        it as an attachment, never the storage's address of the upload."""
        return reverse("recommendations:pdf", kwargs={"summit": self.summit.slug})


class Area(models.Model):
    communique = models.ForeignKey(
        Communique, verbose_name=_("communiqué"), on_delete=models.CASCADE, related_name="areas"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=250)
    introduction = models.TextField(_("introduction"), blank=True)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["communique", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["communique", "number"], name="area_number_unique_in_communique"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="area_number_positive"),
        ]

    def __str__(self) -> str:
        return _("%(number)s. %(title)s") % {"number": self.number, "title": self.title}

    @property
    def anchor(self) -> str:
        return f"area-{self.number}"


class Status(models.TextChoices):
    """Where a recommendation stands; the latest follow-up update says."""

    NOT_STARTED = "not_started", pgettext_lazy("recommendation status", "Not started")
    ACKNOWLEDGED = "acknowledged", pgettext_lazy("recommendation status", "Acknowledged by the G20")
    IN_PROGRESS = "in_progress", pgettext_lazy("recommendation status", "In progress")
    IMPLEMENTED = "implemented", pgettext_lazy("recommendation status", "Implemented")
    NOT_TAKEN_UP = "not_taken_up", pgettext_lazy("recommendation status", "Not taken up")


STATUS_LABELS = dict(Status.choices)


class RecommendationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(communique__is_published=True, communique__summit__is_published=True)

    def with_status(self):
        """Annotate current_status: the status of the latest update, or
        "not started" when there is none, in the same query."""
        latest = (
            FollowUpUpdate.objects.filter(recommendation=OuterRef("pk"))
            .order_by("-date", "-pk")
            .values("status")[:1]
        )
        return self.annotate(
            current_status=Coalesce(
                Subquery(latest, output_field=models.CharField()), Value(Status.NOT_STARTED)
            )
        )


class Recommendation(models.Model):
    # The communiqué is stored here as well as on the area so that the
    # database itself keeps the numbers unique across the whole communiqué.
    communique = models.ForeignKey(
        Communique,
        verbose_name=_("communiqué"),
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    # RESTRICT, not PROTECT: an area with recommendations cannot be deleted on
    # its own, yet deleting the whole communiqué takes both.
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.RESTRICT, related_name="recommendations"
    )
    number = models.PositiveSmallIntegerField(
        _("number"), help_text=_("Numbered 1 to N across all areas of the communiqué.")
    )
    text = models.TextField(_("text"))
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="recommendations"
    )
    sessions = models.ManyToManyField(
        "agenda.Session",
        verbose_name=_("discussed in sessions"),
        blank=True,
        related_name="recommendations",
    )

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["communique", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["communique", "number"], name="recommendation_number_unique_in_communique"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="recommendation_number_positive"
            ),
        ]

    def __str__(self) -> str:
        return _("Recommendation %(number)s") % {"number": self.number}

    def get_absolute_url(self) -> str:
        return reverse(
            "recommendations:recommendation",
            kwargs={"summit": self.communique.summit.slug, "number": self.number},
        )

    @property
    def anchor(self) -> str:
        return f"r-{self.number}"

    def anchor_url(self) -> str:
        return f"{self.communique.get_absolute_url()}#{self.anchor}"

    @property
    def status(self) -> str:
        """The current status: annotated by with_status(), else read."""
        if hasattr(self, "current_status"):
            return self.current_status
        latest = self.updates.order_by("-date", "-pk").first()
        return latest.status if latest else Status.NOT_STARTED

    def get_status_display(self) -> str:
        return STATUS_LABELS[self.status]

    def clean(self) -> None:
        if self.area_id and self.communique_id and self.area.communique_id != self.communique_id:
            raise ValidationError({"area": _("Choose an area of this communiqué.")})


class Endorsement(models.Model):
    communique = models.ForeignKey(
        Communique,
        verbose_name=_("communiqué"),
        on_delete=models.CASCADE,
        related_name="endorsements",
    )
    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.PROTECT, related_name="endorsements"
    )
    signatory_name = models.CharField(_("signatory"), max_length=200, blank=True)
    signatory_title = models.CharField(_("signatory’s title"), max_length=300, blank=True)
    endorsed_on = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        ordering = ["communique", "city__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["communique", "city"],
                name="endorsement_once_per_city",
                violation_error_message=_("This city has already endorsed this communiqué."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.city} – {self.communique}"


class FollowUpUpdate(models.Model):
    Status = Status

    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation"),
        on_delete=models.CASCADE,
        related_name="updates",
    )
    date = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=16, choices=Status)
    note = models.TextField(_("note"), blank=True)
    source_url = models.URLField(_("source link"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("follow-up update")
        verbose_name_plural = _("follow-up updates")
        ordering = ["recommendation", "date", "pk"]
        constraints = [
            one_of("status", Status, name="follow_up_status_known"),
        ]
        indexes = [models.Index(fields=["recommendation", "-date"], name="follow_up_latest")]

    def __str__(self) -> str:
        return f"{self.recommendation} · {self.date:%Y-%m-%d} · {self.get_status_display()}"
