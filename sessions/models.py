"""Sessions of a summit, who speaks at them and who hosts them, and the
attendees who register for them."""

import secrets
import zoneinfo
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    StringAgg,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.utils import build_localized_fieldname

from sessions.languages import language_choices, validate_language
from sessions.virtual import validate_livestream_url, validate_webvtt
from u20.images import ReencodedImageField, thumbnail_field, upload_to, validate_image
from u20.models import City, Organisation, Summit, Theme, one_of, validate_time_zone
from u20.text import validate_visible_text
from u20.times import day_bounds, day_text


class Speaker(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True, allow_unicode=True)
    title = models.CharField(pgettext_lazy("job title", "title"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="speakers",
    )
    bio = models.TextField(_("biography"), blank=True)
    photo = ReencodedImageField(
        _("photo"), upload_to=upload_to, blank=True, validators=[validate_image]
    )
    photo_thumbnail = thumbnail_field()

    THUMBNAILS = {"photo": "photo_thumbnail"}

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def in_every_language(*lookups: str) -> list[str]:
    """Each lookup of a translated field, once per language: what only()
    must name when it reaches the field through a model that is not itself
    translated."""
    return [
        build_localized_fieldname(lookup, code)
        for lookup in lookups
        for code, _name in settings.LANGUAGES
    ]


def _offered_codes(session):
    """A subquery: the languages offered in session, beyond its floor, as
    one string of "order:id:kind:language" items (read by
    Session.offered_languages), so a list of sessions needs no query more."""
    item = Concat(
        Cast("order", output_field=models.CharField()),
        Value(":"),
        Cast("pk", output_field=models.CharField()),
        Value(":"),
        "kind",
        Value(":"),
        "language",
        output_field=models.CharField(),
    )
    codes = (
        SessionLanguage.objects.filter(session=session)
        .order_by()
        .values("session")
        .annotate(codes=StringAgg(item, Value(",")))
        .values("codes")
    )
    return Subquery(codes, output_field=models.TextField())


class SessionQuerySet(models.QuerySet):
    def with_registration_counts(self):
        """confirmed_count and waitlist_count on each session."""
        registrations = Registration.objects.filter(session=OuterRef("pk"))
        return self.annotate(
            confirmed_count=_count_per_session(registrations.confirmed()),
            waitlist_count=_count_per_session(registrations.waitlisted()),
        )

    def published(self):
        return self.filter(is_published=True, summit__is_published=True)

    def upcoming(self):
        return self.filter(ends_at__gt=timezone.now())

    def starting_on(self, day: date, zone: zoneinfo.ZoneInfo):
        """Sessions that start on day in zone (a summit's or a reader's)."""
        start, end = day_bounds(day, zone)
        return self.filter(starts_at__gte=start, starts_at__lt=end)

    def hosted_by(self, slug: str):
        """Sessions a city or an organisation with this slug hosts, once each."""
        return self.filter(Q(hosts__city__slug=slug) | Q(hosts__organisation__slug=slug)).distinct()

    def offered_in(self, language: str):
        """Sessions held in language, or interpreted or captioned in it."""
        return self.filter(Q(floor_language=language) | Q(languages__language=language)).distinct()

    def for_agenda(self):
        """What an agenda row shows and nothing more, in a fixed number of
        queries: a list of 200 sessions makes some 2,000 model instances, so
        every column and join not shown is left out, and the related rows are
        plain lists (agenda_themes, agenda_hosts, agenda_speakers), and the
        languages offered come in the same query (offered_codes). The caller
        attaches the summit, which every row shares."""
        return (
            self.only(
                "summit_id",
                "slug",
                "title",
                "kind",
                "status",
                "starts_at",
                "ends_at",
                "floor_language",
            )
            .annotate(offered_codes=_offered_codes(OuterRef("pk")))
            .prefetch_related(
                models.Prefetch(
                    "themes", queryset=Theme.objects.only("name"), to_attr="agenda_themes"
                ),
                models.Prefetch(
                    "hosts",
                    queryset=SessionHost.objects.select_related("organisation", "city").only(
                        "session", "order", *in_every_language("organisation__name", "city__name")
                    ),
                    to_attr="agenda_hosts",
                ),
                models.Prefetch(
                    "session_speakers",
                    queryset=SessionSpeaker.objects.select_related("speaker").only(
                        "session", "order", *in_every_language("speaker__name")
                    ),
                    to_attr="agenda_speakers",
                ),
            )
        )

    def with_offered_languages(self):
        """Each session's languages beyond the floor, in the same query, for
        Session.offered_languages."""
        return self.annotate(offered_codes=_offered_codes(OuterRef("pk")))

    def for_listing(self):
        """Everything an agenda row shows, in a fixed number of queries."""
        return (
            self.select_related("summit", "summit__host_city")
            .with_offered_languages()
            .prefetch_related(
                "themes",
                models.Prefetch(
                    "hosts",
                    queryset=SessionHost.objects.select_related("organisation", "city"),
                ),
                models.Prefetch(
                    "session_speakers",
                    queryset=SessionSpeaker.objects.select_related(
                        "speaker", "speaker__organisation"
                    ),
                ),
            )
        )


class SessionKind(models.TextChoices):
    PLENARY = "plenary", pgettext_lazy("session kind", "Plenary")
    SIDE_EVENT = "side_event", pgettext_lazy("session kind", "Side event")
    PANEL = "panel", pgettext_lazy("session kind", "Panel")
    WORKSHOP = "workshop", pgettext_lazy("session kind", "Workshop")
    MEETING = "meeting", pgettext_lazy("session kind", "Meeting")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", pgettext_lazy("session status", "Scheduled")
    CANCELLED = "cancelled", pgettext_lazy("session status", "Cancelled")


class Session(models.Model):
    Kind = SessionKind

    Status = SessionStatus

    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="sessions"
    )
    slug = models.SlugField(_("slug"), max_length=120, allow_unicode=True, blank=True)
    # Blank is allowed per language; the admin form asks for at least one.
    title = models.CharField(_("title"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind, default=Kind.SIDE_EVENT)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="sessions"
    )
    speakers = models.ManyToManyField(
        Speaker, through="SessionSpeaker", related_name="sessions", verbose_name=_("speakers")
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    join_url = models.URLField(
        _("join link"),
        max_length=500,
        blank=True,
        help_text=_("Shown only to confirmed registrants, never in public pages or exports."),
    )
    floor_language = models.CharField(
        _("floor language"),
        max_length=8,
        choices=language_choices,
        default="en",
        validators=[validate_language],
        help_text=_("The language the session is held in, before any interpretation."),
    )
    livestream_url = models.URLField(
        _("public livestream"),
        max_length=500,
        blank=True,
        validators=[validate_livestream_url],
        help_text=_(
            "Shown to everyone while the session is live. A player from a host in "
            "LIVESTREAM_HOSTS is embedded in the page; any other link is refused."
        ),
    )
    # When registrants were told that a recording is out: they are told once.
    recording_announced_at = models.DateTimeField(null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.SCHEDULED)
    is_published = models.BooleanField(_("published"), default=True)
    # When the session itself was last saved: what the API's updated_since
    # filter and the schedule's version read.
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=0),
                name="session_capacity_not_negative",
            ),
            one_of("status", SessionStatus, name="session_status_known"),
            one_of("kind", SessionKind, name="session_kind_known"),
            models.UniqueConstraint(
                fields=["summit", "slug"], name="session_slug_unique_in_summit"
            ),
        ]
        indexes = [models.Index(fields=["summit", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agenda:session", kwargs={"summit": self.summit.slug, "session": self.slug})

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The session must end after it starts.")
        if self.summit_id and self.starts_at:
            summit = self.summit
            first_day = self.starts_at.astimezone(summit.zone).date()
            if not summit.start_date <= first_day <= summit.end_date:
                errors["starts_at"] = _(
                    "The session must start during the summit, between %(start)s and %(end)s."
                ) % {
                    "start": day_text(summit.start_date, summit, fmt="j F Y"),
                    "end": day_text(summit.end_date, summit, fmt="j F Y"),
                }
        if errors:
            raise ValidationError(errors)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    def offered_languages(self) -> list[tuple[str, str]]:
        """(kind, language) of each language offered beyond the floor, in
        order: from offered_codes when the list fetched them, else from the
        languages prefetched or queried."""
        if hasattr(self, "offered_codes"):
            items = sorted(
                (int(order), int(pk), kind, language)
                for order, pk, kind, language in (
                    item.split(":") for item in (self.offered_codes or "").split(",") if item
                )
            )
            return [(kind, language) for _order, _pk, kind, language in items]
        return [(item.kind, item.language) for item in self.languages.all()]

    def interpretation_languages(self) -> list["SessionLanguage"]:
        return [item for item in self.languages.all() if item.is_interpretation]

    def offered_in(self, kind: str) -> list[str]:
        """The languages offered as kind (LanguageKind), in order."""
        return [language for offered, language in self.offered_languages() if offered == kind]

    def channel_choices(self) -> list[str]:
        """The languages a registrant may listen in: the floor, then each
        interpretation channel."""
        return [self.floor_language, *self.offered_in(LanguageKind.INTERPRETATION)]

    def join_url_for(self, channel: str) -> str:
        """The link of the channel a registrant chose; the floor's when the
        channel is the floor or no longer offered."""
        for item in self.interpretation_languages():
            if item.language == channel and item.join_url:
                return item.join_url
        return self.join_url

    @property
    def host_cities(self) -> list[City]:
        return [host.city for host in self.hosts.all() if host.city_id]

    @property
    def host_organisations(self) -> list[Organisation]:
        return [host.organisation for host in self.hosts.all() if host.organisation_id]


class LanguageKind(models.TextChoices):
    INTERPRETATION = "interpretation", pgettext_lazy("session language", "Interpretation")
    CAPTIONS = "captions", pgettext_lazy("session language", "Captions")


class SessionLanguage(models.Model):
    """A language a session is offered in beyond its floor: an
    interpretation channel, with its own join link, or captions."""

    Kind = LanguageKind

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="languages")
    kind = models.CharField(pgettext_lazy("session language", "kind"), max_length=16, choices=Kind)
    language = models.CharField(
        _("language"), max_length=8, choices=language_choices, validators=[validate_language]
    )
    join_url = models.URLField(
        _("join link"),
        max_length=500,
        blank=True,
        help_text=_("The channel's own link; only confirmed registrants who chose it get it."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("language offered")
        verbose_name_plural = _("languages offered")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "kind", "language"], name="session_language_once"
            ),
            one_of("kind", LanguageKind, name="session_language_kind_known"),
        ]

    def __str__(self) -> str:
        return f"{self.get_language_display()} ({self.get_kind_display()})"

    @property
    def is_interpretation(self) -> bool:
        return self.kind == LanguageKind.INTERPRETATION

    def clean(self) -> None:
        if (
            self.is_interpretation
            and not self.join_url
            and self.session_id
            and self.session.join_url
        ):
            raise ValidationError(
                {"join_url": _("An interpretation channel needs its own join link.")}
            )
        if (
            self.is_interpretation
            and self.session_id
            and (self.language == self.session.floor_language)
        ):
            raise ValidationError(
                {"language": _("This is the session’s floor language: it needs no interpretation.")}
            )
        if not self.is_interpretation and self.join_url:
            raise ValidationError({"join_url": _("Captions have no join link of their own.")})


def transcript_path(instance: "Recording", filename: str) -> str:
    return f"transcripts/{instance.session_id}/{instance.language}-{secrets.token_hex(4)}.vtt"


class Recording(models.Model):
    """A recording of a session in one language, with its transcript or
    captions as WebVTT if there is one."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="recordings")
    language = models.CharField(
        _("language"), max_length=8, choices=language_choices, validators=[validate_language]
    )
    url = models.URLField(_("recording link"), max_length=500)
    transcript = models.FileField(
        _("transcript or captions (WebVTT)"),
        upload_to=transcript_path,
        blank=True,
        validators=[validate_webvtt],
        max_length=200,
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("recording")
        verbose_name_plural = _("recordings")
        ordering = ["session", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "language"], name="recording_once_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session} ({self.get_language_display()})"


class SessionHost(models.Model):
    """A city or an organisation that hosts a session, in the order shown."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="hosts")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="hosted_sessions",
    )
    city = models.ForeignKey(
        City,
        verbose_name=_("city"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="hosted_sessions",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("host")
        verbose_name_plural = _("hosts")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(organisation__isnull=False) & Q(city__isnull=True))
                | (Q(organisation__isnull=True) & Q(city__isnull=False)),
                name="session_host_is_city_or_organisation",
            ),
            models.UniqueConstraint(
                fields=["session", "organisation"], name="session_host_organisation_once"
            ),
            models.UniqueConstraint(fields=["session", "city"], name="session_host_city_once"),
        ]

    def __str__(self) -> str:
        return str(self.organisation or self.city)

    def clean(self) -> None:
        if bool(self.organisation_id) == bool(self.city_id):
            raise ValidationError(_("Choose either a city or an organisation for each host."))

    @property
    def host(self) -> City | Organisation:
        return self.organisation or self.city

    @property
    def slug(self) -> str:
        return self.host.slug


class SpeakerRole(models.TextChoices):
    KEYNOTE = "keynote", pgettext_lazy("speaker role", "Keynote")
    MODERATOR = "moderator", pgettext_lazy("speaker role", "Moderator")
    SPEAKER = "speaker", pgettext_lazy("speaker role", "Speaker")


class SessionSpeaker(models.Model):
    Role = SpeakerRole

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="session_speakers")
    speaker = models.ForeignKey(
        Speaker, verbose_name=_("speaker"), on_delete=models.CASCADE, related_name="appearances"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.SPEAKER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "speaker"], name="session_speaker_once"),
            one_of("role", SpeakerRole, name="session_speaker_role_known"),
        ]

    def __str__(self) -> str:
        return f"{self.speaker} ({self.get_role_display()})"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class ParticipantRole(models.TextChoices):
    CITY_OFFICIAL = "city_official", pgettext_lazy("participant role", "City official")
    PARTNER = "partner", pgettext_lazy("participant role", "Partner organisation")
    MEDIA = "media", pgettext_lazy("participant role", "Media")
    ACADEMIA = "academia", pgettext_lazy("participant role", "Academia")
    PUBLIC = "public", pgettext_lazy("participant role", "Member of the public")


class Participant(models.Model):
    """An attendee's profile: who they are and how we write to them."""

    Role = ParticipantRole

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participant"
    )
    full_name = models.CharField(_("full name"), max_length=200, validators=[validate_visible_text])
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True, validators=[validate_visible_text]
    )
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.PUBLIC)
    country = models.CharField(
        _("country"), max_length=100, blank=True, validators=[validate_visible_text]
    )
    language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_("Times on the site and in emails are shown in it, e.g. Asia/Riyadh."),
    )
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["full_name"]
        constraints = [
            one_of("role", ParticipantRole, name="participant_role_known"),
            one_of("language", settings.LANGUAGES, name="participant_language_known"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.user.email

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def calendar_path(self) -> str:
        return reverse("me:calendar", kwargs={"token": self.calendar_token})

    def new_calendar_token(self) -> None:
        """Retire the calendar address: whoever had it loses access."""
        self.calendar_token = new_calendar_token()
        self.save(update_fields=["calendar_token"])


def _ahead_in_queue(waitlisted_at, pk) -> Q:
    """Waitlisted registrations ahead of one that joined the queue at
    waitlisted_at with pk: values, or OuterRefs in a subquery. The queue's
    one order, used by promotion, positions, the admin, the CSV and /me/."""
    return Q(status=Registration.Status.WAITLISTED) & (
        Q(waitlisted_at__lt=waitlisted_at) | Q(waitlisted_at=waitlisted_at, pk__lt=pk)
    )


def _count_per_session(registrations: "RegistrationQuerySet"):
    """How many of registrations each session has, as a subquery: it stays
    right whatever joins the outer query's filters add."""
    count = registrations.order_by().values("session").annotate(count=Count("pk")).values("count")
    return Coalesce(Subquery(count, output_field=IntegerField()), Value(0))


class RegistrationQuerySet(models.QuerySet):
    QUEUE_ORDER = ("waitlisted_at", "pk")

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=Registration.Status.WAITLISTED)

    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def queue(self):
        """The waitlist in the order places are given."""
        return self.waitlisted().order_by(*self.QUEUE_ORDER)

    def with_waitlist_place(self):
        """Each registration's place in its session's queue (None unless
        waitlisted), in the same query as the list."""
        ahead = Registration.objects.filter(
            _ahead_in_queue(OuterRef("waitlisted_at"), OuterRef("pk")), session=OuterRef("session")
        )
        return self.annotate(
            waitlist_place=Case(
                When(
                    status=Registration.Status.WAITLISTED,
                    then=_count_per_session(ahead) + 1,
                ),
                default=None,
                output_field=IntegerField(),
            )
        )


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", pgettext_lazy("registration status", "Confirmed")
    WAITLISTED = "waitlisted", pgettext_lazy("registration status", "On the waitlist")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")


class Registration(models.Model):
    """One person's place, or place in the queue, for one session. A person
    who cancels and registers again keeps this row and goes to the back."""

    Status = RegistrationStatus

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="registrations"
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    waitlisted_at = models.DateTimeField(_("joined the waitlist"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # The language the registrant listens in: the floor's or an
    # interpretation channel's (blank: the floor).
    channel = models.CharField(
        _("listening language"), max_length=8, choices=language_choices, blank=True
    )
    # From the meeting platform's attendance report, when one is imported.
    minutes_attended = models.PositiveIntegerField(_("minutes attended"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["session", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="registration_once_per_session"
            ),
            one_of("status", RegistrationStatus, name="registration_status_known"),
            models.CheckConstraint(
                condition=~Q(status="waitlisted") | Q(waitlisted_at__isnull=False),
                name="registration_waitlisted_has_time",
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "waitlisted_at"])]

    def __str__(self) -> str:
        return f"{self.participant} – {self.session} ({self.get_status_display()})"

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def is_waitlisted(self) -> bool:
        return self.status == self.Status.WAITLISTED

    def waitlist_position(self) -> int | None:
        """1 for the first in the queue; None unless waitlisted. A list
        annotated with_waitlist_place() answers without a query."""
        if not self.is_waitlisted:
            return None
        if hasattr(self, "waitlist_place"):
            return self.waitlist_place
        ahead = Registration.objects.filter(
            _ahead_in_queue(self.waitlisted_at, self.pk), session_id=self.session_id
        )
        return ahead.count() + 1


class Join(models.Model):
    """A confirmed registrant's click on a session's join link, inside the
    window: who, when, and which channel it took them to."""

    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="joins"
    )
    joined_at = models.DateTimeField(_("joined"), default=timezone.now, db_index=True)
    channel = models.CharField(_("channel"), max_length=8, choices=language_choices)

    class Meta:
        verbose_name = _("join")
        verbose_name_plural = _("joins")
        ordering = ["joined_at", "pk"]

    def __str__(self) -> str:
        return f"{self.registration.participant} – {self.joined_at:%Y-%m-%d %H:%M}"
