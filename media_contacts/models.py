"""The press office: press releases, the media team's contacts, and the
interview requests journalists send, with their status history."""

import re
import secrets
import uuid
import zoneinfo
from datetime import datetime, timedelta
from pathlib import PurePosixPath

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


def new_reference(prefix: str = "U20") -> str:
    """ "U20-7KQ3-MZ4P-9XWT": twelve characters from 31, about 59 bits, so a
    reference cannot be guessed, grouped so it can be read over the phone.
    Accreditations read "PRESS-…"."""
    groups = (
        "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_GROUP_LENGTH))
        for _ in range(REFERENCE_GROUPS)
    )
    return f"{prefix}-" + "-".join(groups)


def press_zone() -> zoneinfo.ZoneInfo:
    """The zone the press office works in: the current summit's, else UTC.
    Times journalists type and the times the media team offers are in it."""
    summit = Summit.objects.current().only("time_zone").first()
    return summit.zone if summit else zoneinfo.ZoneInfo("UTC")


def embargo_lifted(now: datetime) -> Q:
    return Q(embargo_until__isnull=True) | Q(embargo_until__lte=now)


class PressReleaseQuerySet(models.QuerySet):
    """Which releases a reader sees is computed from the clock alone: a
    release is out for accredited journalists from its publication time,
    and for everyone once its embargo (if any) has passed. Nothing has to
    run at either minute."""

    def released(self, *, now: datetime | None = None):
        """Out for accredited journalists: embargoed or not."""
        return self.filter(published_at__lte=now or timezone.now())

    def published(self, *, now: datetime | None = None):
        """Out for everyone: released, and past any embargo."""
        now = now or timezone.now()
        return self.released(now=now).filter(embargo_lifted(now))

    def under_embargo(self, *, now: datetime | None = None):
        now = now or timezone.now()
        return self.released(now=now).filter(embargo_until__gt=now)

    def visible(self, *, accredited: bool, now: datetime | None = None):
        """What a reader sees: accredited or not, there is no other case."""
        return self.released(now=now) if accredited else self.published(now=now)

    def for_listing(self):
        # The host city names the summit's zone in dates and embargo notices.
        return self.select_related("summit", "summit__host_city")

    def next_change(self, *, now: datetime | None = None) -> datetime | None:
        """The next moment a release comes out or its embargo lifts: pages
        listing releases are right until then."""
        now = now or timezone.now()
        moments = [
            self.filter(published_at__gt=now).aggregate(at=models.Min("published_at"))["at"],
            self.filter(embargo_until__gt=now).aggregate(at=models.Min("embargo_until"))["at"],
        ]
        return min((moment for moment in moments if moment is not None), default=None)


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
        help_text=_(
            "The release appears in the newsroom and its feed from this moment; under an "
            "embargo, only for accredited journalists, who are alerted then."
        ),
    )
    embargo_until = models.DateTimeField(
        _("embargoed until"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "Leave empty for none. Until then only accredited journalists see the release; "
            "at this moment it becomes public by itself."
        ),
    )
    image = ReencodedImageField(
        _("image"),
        upload_to=upload_to,
        blank=True,
        validators=[validate_image],
        width_field="image_width",
        height_field="image_height",
    )
    # When the alerts went out: to subscribers once the release was public,
    # to accredited journalists once it was released under embargo.
    public_alerts_at = models.DateTimeField(
        _("alerts sent to subscribers"), null=True, blank=True, editable=False
    )
    embargo_alerts_at = models.DateTimeField(
        _("alerts sent to accredited journalists"), null=True, blank=True, editable=False
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
        if self.embargo_until and self.published_at and self.embargo_until <= self.published_at:
            raise ValidationError(
                {
                    "embargo_until": _(
                        "The embargo must end after the publication time, when accredited "
                        "journalists receive the release."
                    )
                }
            )
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
        """Out for everyone."""
        now = timezone.now()
        return self.published_at <= now and not self.is_embargoed_at(now)

    @property
    def is_released(self) -> bool:
        """Out, for accredited journalists at least."""
        return self.published_at <= timezone.now()

    def is_embargoed_at(self, now: datetime) -> bool:
        return self.embargo_until is not None and self.embargo_until > now

    @property
    def is_embargoed(self) -> bool:
        return self.is_embargoed_at(timezone.now())


class ReleaseCorrection(models.Model):
    """A change made to a release after it was out: the note readers see,
    and the text as it read before, in every language."""

    release = models.ForeignKey(
        PressRelease,
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    made_at = models.DateTimeField(_("corrected"), default=timezone.now)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("correction note"))
    previous = models.JSONField(_("text before the correction"), default=dict)

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["made_at", "pk"]

    def __str__(self) -> str:
        return f"{self.release}: {self.made_at:%Y-%m-%d %H:%M}"


class EmbargoAccessVia(models.TextChoices):
    PAGE = "page", pgettext_lazy("embargo access via", "Release page")
    NEWSROOM = "newsroom", pgettext_lazy("embargo access via", "Newsroom list")
    FEED = "feed", pgettext_lazy("embargo access via", "Private feed")
    API = "api", pgettext_lazy("embargo access via", "API")
    PRESS_KIT = "press_kit", pgettext_lazy("embargo access via", "Press kit download")


class EmbargoAccess(models.Model):
    """One reading of a release while it was under embargo: who, when, and
    through what (the page, the private feed, the API, an alert)."""

    Via = EmbargoAccessVia

    release = models.ForeignKey(
        PressRelease,
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="embargo_accesses",
    )
    accreditation = models.ForeignKey(
        "Accreditation",
        verbose_name=_("accreditation"),
        on_delete=models.CASCADE,
        related_name="embargo_accesses",
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    via = models.CharField(_("through"), max_length=10, choices=EmbargoAccessVia)

    class Meta:
        verbose_name = _("embargoed access")
        verbose_name_plural = _("embargoed accesses")
        ordering = ["-at", "-pk"]
        constraints = [one_of("via", EmbargoAccessVia, name="embargo_access_via_known")]
        indexes = [models.Index(fields=["release", "at"])]

    def __str__(self) -> str:
        return f"{self.release} · {self.accreditation} · {self.at:%Y-%m-%d %H:%M}"


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
    accreditation = models.ForeignKey(
        "Accreditation",
        verbose_name=_("accreditation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="interview_requests",
        help_text=_("Sent by a journalist signed in with a valid accreditation."),
    )
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


class WorkflowStep(models.Model):
    """One step of a workflow's history (an interview request's, an
    accreditation's): from what status to what, who took it, and when."""

    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    @staticmethod
    def statuses_known(choices, *, name: str) -> models.CheckConstraint:
        return models.CheckConstraint(
            condition=Q(to_status__in=choices.values) & Q(from_status__in=["", *choices.values]),
            name=name,
        )


class StatusChange(WorkflowStep):
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
    note = models.TextField(_("note"), blank=True)

    class Meta(WorkflowStep.Meta):
        verbose_name = _("status change")
        verbose_name_plural = _("status history")
        constraints = [
            WorkflowStep.statuses_known(InterviewStatus, name="status_change_statuses_known")
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


class AccreditationStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("accreditation status", "Waiting for review")
    MORE_INFO = "more_info", pgettext_lazy("accreditation status", "More information needed")
    APPROVED = "approved", pgettext_lazy("accreditation status", "Accredited")
    DECLINED = "declined", pgettext_lazy("accreditation status", "Declined")


PRESS_CARD_SUFFIXES = ("pdf", "jpg", "png", "webp")


def press_card_upload_to(instance: models.Model, filename: str) -> str:
    """A server-made name in a folder that is never served publicly: the
    media team opens a press card through the admin only."""
    suffix = PurePosixPath(filename).suffix.lower().lstrip(".")
    return f"press-cards/{uuid.uuid4().hex}.{suffix if suffix in PRESS_CARD_SUFFIXES else 'bin'}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class AccreditationQuerySet(models.QuerySet):
    def valid(self, *, now: datetime | None = None):
        """Approved and not yet expired."""
        return self.filter(
            status=AccreditationStatus.APPROVED, expires_at__gt=now or timezone.now()
        )

    def waiting(self):
        return self.filter(status=AccreditationStatus.SUBMITTED)


class Accreditation(models.Model):
    """A journalist's accreditation to one summit: what they applied with,
    and where the media team is with it. Approved, it lets them read
    releases under embargo until it expires at the end of the summit."""

    Status = AccreditationStatus

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="accreditations",
    )
    summit = models.ForeignKey(
        Summit,
        verbose_name=_("summit"),
        on_delete=models.PROTECT,
        related_name="accreditations",
    )
    reference = models.CharField(_("reference"), max_length=24, unique=True, editable=False)
    # What the journalist gave.
    name = models.CharField(_("name"), max_length=120, validators=[validate_visible_text])
    outlet = models.CharField(_("media outlet"), max_length=150, validators=[validate_visible_text])
    role = models.CharField(
        pgettext_lazy("job title", "role"), max_length=120, validators=[validate_visible_text]
    )
    country = models.CharField(_("country"), max_length=100, validators=[validate_visible_text])
    email = models.EmailField(_("email"), max_length=254)
    phone = models.CharField(_("phone"), max_length=30, validators=[validate_phone])
    work_link = models.URLField(
        _("link to published work"),
        max_length=500,
        blank=True,
        help_text=_("An article, a broadcast or your author page."),
    )
    press_card = models.FileField(
        _("press card"),
        upload_to=press_card_upload_to,
        blank=True,
        help_text=_("A scan or photo of your press card: a PDF, JPEG, PNG or WebP file."),
    )
    language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    # The media team's side.
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AccreditationStatus,
        default=AccreditationStatus.SUBMITTED,
    )
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True, editable=False)
    feed_token = models.CharField(
        _("private feed key"), max_length=64, unique=True, default=new_feed_token, editable=False
    )
    created_at = models.DateTimeField(_("applied"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AccreditationQuerySet.as_manager()

    class Meta:
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "summit"], name="one_accreditation_per_summit"),
            one_of("status", AccreditationStatus, name="accreditation_status_known"),
            one_of("language", settings.LANGUAGES, name="accreditation_language_known"),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(expires_at__isnull=False),
                name="accreditation_approved_expires",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("media_contacts:verify_accreditation", kwargs={"reference": self.reference})

    def clean(self) -> None:
        if not self.work_link and not self.press_card:
            raise ValidationError(
                _("Give a link to your published work or upload your press card.")
            )

    def is_valid_at(self, now: datetime) -> bool:
        return (
            self.status == AccreditationStatus.APPROVED
            and self.expires_at is not None
            and self.expires_at > now
        )

    @property
    def is_valid(self) -> bool:
        return self.is_valid_at(timezone.now())

    @property
    def is_expired(self) -> bool:
        return self.status == AccreditationStatus.APPROVED and not self.is_valid

    def feed_path(self) -> str:
        return reverse("media_contacts:private_feed", kwargs={"token": self.feed_token})

    def new_feed_token(self) -> None:
        """Retire the private feed's address: whoever had it loses access."""
        self.feed_token = new_feed_token()
        self.save(update_fields=["feed_token", "updated_at"])


def accreditation_expiry(summit: Summit) -> datetime:
    """The end of the summit's last day, in its own zone."""
    last_day = datetime.combine(summit.end_date + timedelta(days=1), datetime.min.time())
    return last_day.replace(tzinfo=summit.zone)


class AccreditationChange(WorkflowStep):
    """One step of an accreditation's review: who moved it, from what, to
    what, when, and what they told the journalist."""

    accreditation = models.ForeignKey(
        Accreditation,
        verbose_name=_("accreditation"),
        on_delete=models.CASCADE,
        related_name="history",
    )
    from_status = models.CharField(
        _("from"), max_length=10, choices=AccreditationStatus, blank=True
    )
    to_status = models.CharField(_("to"), max_length=10, choices=AccreditationStatus)
    message = models.TextField(_("message to the journalist"), blank=True)
    emailed = models.BooleanField(_("emailed"), default=False)

    class Meta(WorkflowStep.Meta):
        verbose_name = _("review step")
        verbose_name_plural = _("review history")
        constraints = [
            WorkflowStep.statuses_known(
                AccreditationStatus, name="accreditation_change_statuses_known"
            )
        ]

    def __str__(self) -> str:
        return f"{self.accreditation}: {self.from_status or '∅'} → {self.to_status}"


class PressKitQuerySet(models.QuerySet):
    def visible(self, *, accredited: bool, now: datetime | None = None):
        """Published kits whose summit is public or whose release this
        reader may read: a release's kit is under the release's embargo."""
        releases = PressRelease.objects.visible(accredited=accredited, now=now)
        return self.filter(is_published=True).filter(
            Q(release__isnull=True, summit__is_published=True) | Q(release__in=releases)
        )


class PressKit(models.Model):
    """What journalists download for a summit or for one release: logos,
    photos with their credits, fact sheets, singly or as one ZIP."""

    summit = models.OneToOneField(
        Summit,
        verbose_name=_("summit"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="press_kit",
    )
    release = models.OneToOneField(
        PressRelease,
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="press_kit",
    )
    slug = models.SlugField(_("slug"), max_length=140, unique=True, allow_unicode=True)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The ZIP of every file, built on the first download after a change.
    zip_name = models.CharField(_("stored archive"), max_length=200, blank=True, editable=False)

    objects = PressKitQuerySet.as_manager()

    class Meta:
        verbose_name = _("press kit")
        verbose_name_plural = _("press kits")
        ordering = ["-updated_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(summit__isnull=True, release__isnull=False)
                | Q(summit__isnull=False, release__isnull=True),
                name="press_kit_for_a_summit_or_a_release",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("media_contacts:press_kit", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if bool(self.summit_id) == bool(self.release_id):
            raise ValidationError(_("A press kit is for a summit or for a release: choose one."))


class PressKitItemKind(models.TextChoices):
    LOGO = "logo", pgettext_lazy("press kit item", "Logo")
    PHOTO = "photo", pgettext_lazy("press kit item", "Photo")
    FACT_SHEET = "fact_sheet", pgettext_lazy("press kit item", "Fact sheet")


def press_kit_upload_to(instance: models.Model, filename: str) -> str:
    """A server-made name; the suffix is the format the file was checked to be."""
    suffix = PurePosixPath(filename).suffix.lower().lstrip(".")
    return f"press-kits/{uuid.uuid4().hex}.{suffix or 'bin'}"


class PressKitItem(models.Model):
    """One file of a press kit. Photos and PNG logos are drawn again by
    Pillow at their full size (no EXIF, no GPS); SVG logos are checked for
    scripts; fact sheets are checked PDFs. Smaller copies are made from
    them: a preview for the page, and for PNG logos a few widths."""

    Kind = PressKitItemKind

    kit = models.ForeignKey(
        PressKit, verbose_name=_("press kit"), on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=PressKitItemKind)
    title = models.CharField(_("title"), max_length=200)
    caption = models.TextField(_("caption"), blank=True)
    credit = models.CharField(
        _("credit line"), max_length=200, blank=True, help_text=_("e.g. “Photo: U20 Secretariat”")
    )
    licence = models.CharField(
        _("licence"),
        max_length=200,
        blank=True,
        help_text=_(
            "The terms journalists may use the file under, such as a Creative Commons licence."
        ),
    )
    alt = models.CharField(
        _("description (alt text)"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    file = models.FileField(_("file"), upload_to=press_kit_upload_to, max_length=200)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    width = models.PositiveIntegerField(_("width in pixels"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(
        _("height in pixels"), null=True, blank=True, editable=False
    )
    preview = models.ImageField(
        _("preview"), upload_to=press_kit_upload_to, blank=True, editable=False, max_length=200
    )
    # Smaller PNG copies of a PNG logo: [{"width": 256, "name": "...", "size": 1234}, ...].
    renditions = models.JSONField(_("smaller copies"), default=list, blank=True, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("press kit file")
        verbose_name_plural = _("press kit files")
        ordering = ["kit", "order", "pk"]
        constraints = [one_of("kind", PressKitItemKind, name="press_kit_item_kind_known")]

    def __str__(self) -> str:
        return self.title

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.file.name).suffix.lower().lstrip(".")


def new_alert_token() -> str:
    return secrets.token_urlsafe(24)


class AlertSubscriptionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)

    def unconfirmed_since(self, moment: datetime):
        """Addresses that were never confirmed, asked for before moment."""
        return self.filter(confirmed_at__isnull=True, requested_at__lt=moment)


class AlertSubscription(models.Model):
    """An address that asked for an email when a new release is out, in its
    language. It is active once its owner has confirmed it from the link
    we sent (double opt-in), and until they unsubscribe, in one click."""

    email = models.EmailField(_("email"), max_length=254, unique=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    # Secret: it confirms and unsubscribes. A new request makes a new one.
    token = models.CharField(
        _("link key"), max_length=64, unique=True, default=new_alert_token, editable=False
    )
    requested_at = models.DateTimeField(_("asked"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    objects = AlertSubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("release alert subscription")
        verbose_name_plural = _("release alert subscriptions")
        ordering = ["-requested_at", "-pk"]
        constraints = [one_of("language", settings.LANGUAGES, name="alert_language_known")]

    def __str__(self) -> str:
        return self.email

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None
