"""The press office: press releases, the media team's contacts, and the
interview requests journalists send, with their status history."""

import re
import secrets
import zoneinfo
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sessions.models import Session, Speaker
from u20.images import ReencodedImageField, thumbnail_field, upload_to, validate_image
from u20.models import Summit, one_of
from u20.text import validate_visible_text

# Digits a phone number may hold, whatever separators surround them.
PHONE_CHARACTERS = re.compile(r"^\+?[0-9\s()\-]+$")
PHONE_MIN_DIGITS, PHONE_MAX_DIGITS = 6, 20
# The number hints and errors show; made up, in the Riyadh numbering plan.
PHONE_EXAMPLE = "+966 11 555 0100"
PHONE_ERROR = _(
    "Enter a phone number of 6 to 20 digits, such as %(example)s. "
    "Use only digits, spaces, +, - and brackets."
)

# Easy to read aloud: no 0/O, 1/I/L, which are heard and written alike.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_GROUPS, REFERENCE_GROUP_LENGTH = 3, 4
REFERENCE_PATTERN = re.compile(
    rf"^U20(-[{REFERENCE_ALPHABET}]{{{REFERENCE_GROUP_LENGTH}}}){{{REFERENCE_GROUPS}}}$"
)


def validate_phone(value: str) -> None:
    """A plausible international number: digits, spaces, a leading +, - and
    brackets, with 6 to 20 digits."""
    digits = sum(character.isascii() and character.isdigit() for character in value)
    if not PHONE_CHARACTERS.match(value) or not PHONE_MIN_DIGITS <= digits <= PHONE_MAX_DIGITS:
        raise ValidationError(PHONE_ERROR, code="invalid_phone", params={"example": PHONE_EXAMPLE})


def new_reference() -> str:
    """ "U20-7KQ3-MZ4P-9XWT": twelve characters from 31, about 59 bits, so a
    reference cannot be guessed, grouped so it can be read over the phone."""
    groups = (
        "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_GROUP_LENGTH))
        for _ in range(REFERENCE_GROUPS)
    )
    return "U20-" + "-".join(groups)


def press_zone() -> zoneinfo.ZoneInfo:
    """The zone the press office works in: the current summit's, else UTC.
    Times journalists type and the times the media team offers are in it."""
    summit = Summit.objects.current().only("time_zone").first()
    return summit.zone if summit else zoneinfo.ZoneInfo("UTC")


class PressReleaseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__lte=timezone.now())

    def for_listing(self):
        return self.select_related("summit")


class PressRelease(models.Model):
    summit = models.ForeignKey(
        Summit,
        verbose_name=_("summit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="press_releases",
    )
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=140, unique=True, allow_unicode=True)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences, shown in the newsroom.")
    )
    body = models.TextField(
        _("text"),
        help_text=_(
            "Markdown: **bold**, *italic*, [link](https://…), lists, ## headings, > quotes. "
            "Any HTML is removed."
        ),
    )
    published_at = models.DateTimeField(
        _("publication time"),
        default=timezone.now,
        db_index=True,
        help_text=_("The release appears in the newsroom and its feed from this moment."),
    )
    image = ReencodedImageField(
        _("image"),
        upload_to=upload_to,
        blank=True,
        validators=[validate_image],
        width_field="image_width",
        height_field="image_height",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_thumbnail = thumbnail_field()
    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    image_caption = models.CharField(_("image caption"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    THUMBNAILS = {"image": "image_thumbnail"}

    objects = PressReleaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("media_contacts:release", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.image:
            missing = {
                f"image_alt_{code}": _("Describe the image for people who cannot see it.")
                for code, _name in settings.LANGUAGES
                if not (getattr(self, f"image_alt_{code}", "") or "").strip()
            }
            if missing:
                raise ValidationError(missing)

    @property
    def is_published(self) -> bool:
        return self.published_at <= timezone.now()


class MediaContactQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class MediaContactKind(models.TextChoices):
    DESK = "desk", pgettext_lazy("media contact kind", "General media address")
    PERSON = "person", pgettext_lazy("media contact kind", "Team member")


class MediaContact(models.Model):
    """A member of the media team, or the team's general address."""

    Kind = MediaContactKind

    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.PERSON)
    name = models.CharField(
        _("name"), max_length=200, help_text=_("For the general address, the team’s name.")
    )
    role = models.CharField(pgettext_lazy("job title", "role"), max_length=200, blank=True)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    languages = models.CharField(
        _("languages spoken"),
        max_length=200,
        blank=True,
        help_text=_("As the reader should see them, e.g. “Arabic, English, French”."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_published = models.BooleanField(_("shown in the newsroom"), default=True)

    objects = MediaContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("media contact")
        verbose_name_plural = _("media contacts")
        ordering = ["order", "pk"]
        constraints = [
            one_of("kind", MediaContactKind, name="media_contact_kind_known"),
            models.UniqueConstraint(
                fields=["kind"], condition=Q(kind="desk"), name="one_general_media_address"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_desk(self) -> bool:
        return self.kind == self.Kind.DESK


class InterviewRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=InterviewRequest.OPEN_STATUSES)

    def closed(self):
        return self.exclude(status__in=InterviewRequest.OPEN_STATUSES)

    def overdue(self, *, now: datetime | None = None):
        """Open requests whose deadline has passed."""
        return self.open().filter(deadline__lt=now or timezone.now())

    def due_within(self, period: timedelta, *, now: datetime | None = None):
        now = now or timezone.now()
        return self.filter(deadline__gte=now, deadline__lt=now + period)

    def due_after(self, period: timedelta, *, now: datetime | None = None):
        return self.filter(deadline__gte=(now or timezone.now()) + period)


class InterviewStatus(models.TextChoices):
    NEW = "new", pgettext_lazy("interview request status", "New")
    IN_PROGRESS = "in_progress", pgettext_lazy("interview request status", "In progress")
    SCHEDULED = "scheduled", pgettext_lazy("interview request status", "Scheduled")
    DONE = "done", pgettext_lazy("interview request status", "Done")
    DECLINED = "declined", pgettext_lazy("interview request status", "Declined")


class InterviewKind(models.TextChoices):
    INTERVIEW = "interview", pgettext_lazy("interview request type", "Interview")
    STATEMENT = "statement", pgettext_lazy("interview request type", "Statement")
    BACKGROUND = "background", pgettext_lazy("interview request type", "Background briefing")
    ACCREDITATION = (
        "accreditation",
        pgettext_lazy("interview request type", "Accreditation question"),
    )


class InterviewFormat(models.TextChoices):
    LIVE_VIDEO = "live_video", pgettext_lazy("interview format", "Live video")
    RECORDED = "recorded", pgettext_lazy("interview format", "Recorded")
    PHONE = "phone", pgettext_lazy("interview format", "Phone")
    WRITTEN = "written", pgettext_lazy("interview format", "Written")


class InterviewRequest(models.Model):
    """What a journalist asked for, and where the media team is with it."""

    Status = InterviewStatus

    Kind = InterviewKind

    Format = InterviewFormat

    OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS, Status.SCHEDULED)

    reference = models.CharField(_("reference"), max_length=20, editable=False)
    # What the journalist typed.
    name = models.CharField(_("name"), max_length=120, validators=[validate_visible_text])
    outlet = models.CharField(_("media outlet"), max_length=150, validators=[validate_visible_text])
    role = models.CharField(
        pgettext_lazy("job title", "role"), max_length=120, validators=[validate_visible_text]
    )
    email = models.EmailField(_("email"), max_length=254)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    country = models.CharField(_("country"), max_length=100, validators=[validate_visible_text])
    language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    kind = models.CharField(_("request type"), max_length=16, choices=Kind, default=Kind.INTERVIEW)
    speaker = models.ForeignKey(
        Speaker,
        verbose_name=_("speaker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interview_requests",
    )
    interviewee = models.CharField(
        _("whom they want to interview"),
        max_length=200,
        blank=True,
        validators=[validate_visible_text],
        help_text=_("When the person is not a speaker on the agenda."),
    )
    session = models.ForeignKey(
        Session,
        verbose_name=_("related session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interview_requests",
    )
    format = models.CharField(_("format"), max_length=12, choices=Format, default=Format.RECORDED)
    window_start = models.DateTimeField(_("available from"), null=True, blank=True)
    window_end = models.DateTimeField(_("available until"), null=True, blank=True)
    deadline = models.DateTimeField(_("deadline"))
    message = models.TextField(_("message"), validators=[MaxLengthValidator(3000)])
    consented_at = models.DateTimeField(_("consent given"))
    # The media team's side.
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_interview_requests",
        limit_choices_to={"is_staff": True},
    )
    scheduled_for = models.DateTimeField(_("scheduled for"), null=True, blank=True)
    scheduled_details = models.TextField(
        _("details for the journalist"),
        blank=True,
        validators=[MaxLengthValidator(2000)],
        help_text=_("How to join or whom to call; sent in the scheduling email."),
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    objects = InterviewRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("interview request")
        verbose_name_plural = _("interview requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["reference"], name="interview_request_reference_once"),
            one_of("status", InterviewStatus, name="interview_request_status_known"),
            one_of("kind", InterviewKind, name="interview_request_kind_known"),
            one_of("format", InterviewFormat, name="interview_request_format_known"),
            one_of("language", settings.LANGUAGES, name="interview_request_language_known"),
            models.CheckConstraint(
                condition=Q(window_start__isnull=True)
                | Q(window_end__isnull=True)
                | Q(window_end__gt=F("window_start")),
                name="interview_request_window_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="scheduled") | Q(scheduled_for__isnull=False),
                name="interview_request_scheduled_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["closed_at"]),
        ]

    def __str__(self) -> str:
        return self.reference

    def clean(self) -> None:
        if self.window_start and self.window_end and self.window_end <= self.window_start:
            raise ValidationError(
                {"window_end": _("The end of the time window must come after its start.")}
            )

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def wanted(self) -> str:
        """Whom the journalist wants to hear from: the speaker they chose,
        and what they typed."""
        names = [self.speaker.name if self.speaker_id else "", self.interviewee]
        return " / ".join(name for name in names if name)

    def days_open(self, *, now: datetime | None = None) -> int:
        """Whole days since it came in, until it was closed."""
        end = self.closed_at or now or timezone.now()
        return max((end - self.created_at).days, 0)


class StatusChange(models.Model):
    """One line of a request's history: who moved it, from what, to what,
    when, and why. Assignments are recorded here too."""

    request = models.ForeignKey(
        InterviewRequest,
        verbose_name=_("interview request"),
        on_delete=models.CASCADE,
        related_name="history",
    )
    from_status = models.CharField(
        _("from"), max_length=12, choices=InterviewRequest.Status, blank=True
    )
    to_status = models.CharField(_("to"), max_length=12, choices=InterviewRequest.Status)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status history")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_status__in=InterviewStatus.values)
                & Q(from_status__in=["", *InterviewStatus.values]),
                name="status_change_statuses_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request}: {self.from_status or '∅'} → {self.to_status}"


class InternalNote(models.Model):
    """A note the media team keeps on a request; the journalist never sees it."""

    request = models.ForeignKey(
        InterviewRequest,
        verbose_name=_("interview request"),
        on_delete=models.CASCADE,
        related_name="notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("note"), validators=[MaxLengthValidator(5000)])
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.request}: {self.text[:40]}"
