"""The summit itself and the things every edition refers to: cities,
organisations and themes."""

import zoneinfo
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from u20.embed import validate_embed_origins
from u20.images import ReencodedImageField, thumbnail_field, upload_to, validate_image


def one_of(field: str, choices, *, name: str, also: tuple = ()) -> models.CheckConstraint:
    """A CheckConstraint that refuses any value of field its choices (a
    TextChoices class, or Django's (value, label) pairs) do not know, and
    the values in also. Built from the choices, so the two cannot drift."""
    values = choices.values if hasattr(choices, "values") else [value for value, _ in choices]
    return models.CheckConstraint(condition=Q(**{f"{field}__in": [*also, *values]}), name=name)


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a known time zone, such as Asia/Riyadh."),
            params={"value": value},
            code="invalid_time_zone",
        )


class CityMembership(models.TextChoices):
    G20 = "g20", pgettext_lazy("city membership", "G20 member")
    OBSERVER = "observer", pgettext_lazy("city membership", "Observer")


class City(models.Model):
    Membership = CityMembership

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True, allow_unicode=True)
    country = models.CharField(_("country"), max_length=120)
    membership = models.CharField(
        _("membership"), max_length=10, choices=Membership, default=Membership.G20
    )

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name"]
        constraints = [
            one_of("membership", CityMembership, name="city_membership_known"),
        ]

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=180, unique=True, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.TextChoices):
    CITY_NETWORK = "city_network", _("City network")
    INTERNATIONAL = "international", _("International organisation")
    GOVERNMENT = "government", _("Government body")
    NON_PROFIT = "non_profit", _("Non-profit organisation")
    PRIVATE = "private", _("Company")
    ACADEMIC = "academic", _("University or research centre")


class Organisation(models.Model):
    Kind = OrganisationKind

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True, allow_unicode=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.INTERNATIONAL)
    website = models.URLField(_("website"), blank=True)
    logo = ReencodedImageField(
        _("logo"), upload_to=upload_to, blank=True, validators=[validate_image]
    )
    logo_thumbnail = thumbnail_field()

    THUMBNAILS = {"logo": "logo_thumbnail"}

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            one_of("kind", OrganisationKind, name="organisation_kind_known"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def short_name(self) -> str:
        return self.acronym or self.name


# What the site's menu shows of a summit: its host city, and its communiqué
# when published (the reverse one-to-one the recommendations app adds; the
# template asks `summit.communique.is_published`).
NAVIGATION = ("host_city", "communique")


class SummitQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def current(self):
        return self.published().filter(is_current=True)

    def for_navigation(self):
        """With what every page's menu shows of a summit, in the same query."""
        return self.select_related(*NAVIGATION)


class HijriDates(models.TextChoices):
    """Where a summit's pages add the Umm al-Qura date beside the Gregorian."""

    ARABIC = "arabic", _("On Arabic pages and in Arabic emails")
    BOTH = "both", _("In both languages")
    OFF = "off", _("Nowhere")


class AttendanceRule(models.TextChoices):
    JOINED = "joined", _("Joined through the join link, or any minutes in an imported report")
    MINUTES = "minutes", _("At least the set minutes in an imported report")


class Summit(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    host_city = models.ForeignKey(
        City,
        verbose_name=_("host city"),
        on_delete=models.PROTECT,
        related_name="hosted_summits",
        null=True,
        blank=True,
    )
    chair_name = models.CharField(_("chair"), max_length=200, blank=True)
    chair_title = models.CharField(_("chair’s title"), max_length=300, blank=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_("IANA name, such as Asia/Riyadh. Session times are entered and shown in it."),
    )
    hijri_dates = models.CharField(
        _("Hijri dates"),
        max_length=10,
        choices=HijriDates,
        default=HijriDates.ARABIC,
        help_text=_(
            "The Umm al-Qura date beside each Gregorian date of the summit, its sessions "
            "and its releases."
        ),
    )
    is_virtual = models.BooleanField(_("held virtually"), default=False)
    summary = models.TextField(_("summary"), blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="summits"
    )
    partners = models.ManyToManyField(
        Organisation,
        verbose_name=_("partners"),
        through="SummitPartner",
        blank=True,
        related_name="summits",
    )
    is_published = models.BooleanField(_("published"), default=False)
    is_current = models.BooleanField(
        _("current edition"),
        default=False,
        help_text=_("The edition the home page shows. Only one summit can be current."),
    )
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_(
            "A practice edition for trying registration: marked as sample data on its "
            "pages and kept out of the past editions."
        ),
    )
    embed_origins = models.TextField(
        _("sites that may embed the agenda"),
        blank=True,
        validators=[validate_embed_origins],
        help_text=_(
            "The sites allowed to show this summit’s agenda in a frame, one origin per line, "
            "such as https://www.example.org or https://example.org:8443. Left empty, no site may."
        ),
    )
    attendance_rule = models.CharField(
        _("who counts as attended"),
        max_length=8,
        choices=AttendanceRule,
        default=AttendanceRule.JOINED,
    )
    attendance_minutes = models.PositiveSmallIntegerField(
        _("minutes needed to count as attended"),
        default=30,
        help_text=_("Used when attendance is counted by minutes, from an imported report."),
    )

    objects = SummitQuerySet.as_manager()

    class Meta:
        verbose_name = _("summit")
        verbose_name_plural = _("summits")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="summit_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="one_current_summit"
            ),
            one_of("hijri_dates", HijriDates, name="summit_hijri_dates_known"),
            one_of("attendance_rule", AttendanceRule, name="summit_attendance_rule_known"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("u20:summit", kwargs={"summit": self.slug})

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day cannot be before the first day.")})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def days(self) -> list[date]:
        """Every calendar day of the summit, in its own time zone."""
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + timedelta(days=n) for n in range(count)]


class PartnerRole(models.TextChoices):
    CONVENER = "convener", pgettext_lazy("partner role", "Convener")
    HOST = "host", pgettext_lazy("partner role", "Host")
    KNOWLEDGE = "knowledge", pgettext_lazy("partner role", "Knowledge partner")


class SummitPartner(models.Model):
    Role = PartnerRole

    summit = models.ForeignKey(Summit, on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="partnerships",
    )
    role = models.CharField(_("role"), max_length=12, choices=Role, default=Role.KNOWLEDGE)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["summit", "organisation"], name="summit_partner_once"),
            one_of("role", PartnerRole, name="summit_partner_role_known"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class OutgoingEmailQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at__isnull=True, failed_at__isnull=True)

    def sent(self):
        return self.filter(sent_at__isnull=False)

    def given_up(self):
        return self.filter(sent_at__isnull=True, failed_at__isnull=False)

    def claimable(self, *, now: datetime, include_given_up: bool = False):
        """Emails no worker is sending: never claimed, or claimed so long ago
        that the worker must have died while sending."""
        emails = self.filter(sent_at__isnull=True) if include_given_up else self.unsent()
        stale = now - OutgoingEmail.CLAIM_TIMEOUT
        return emails.filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale))


class OutgoingEmail(models.Model):
    """An email as it will be sent, saved with the change that caused it.

    Saving first and sending from a task means a mail server that is down
    never turns a registration or a request into an error page; the task
    retries, and claiming the row before sending makes each email go out once.
    """

    to = models.EmailField(_("to"))
    reply_to = models.EmailField(
        _("reply to"),
        blank=True,
        help_text=_("Where the recipient’s replies go, if not to the sender."),
    )
    language = models.CharField(_("language"), max_length=8, default="en")
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    # Extra headers, such as a list's List-Unsubscribe (RFC 8058).
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    kind = models.CharField(_("kind"), max_length=60, blank=True)
    is_sensitive = models.BooleanField(
        _("account security email"),
        default=False,
        help_text=_("Its text carries a sign-in link or code: never shown, and erased once sent."),
    )
    dedupe_key = models.CharField(
        _("deduplication key"),
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Two emails with the same key are never both sent."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("being sent since"), null=True, blank=True, editable=False)
    failed_at = models.DateTimeField(_("given up"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    # A claim older than this belongs to a worker that died while sending.
    CLAIM_TIMEOUT = timedelta(minutes=10)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["sent_at", "failed_at"])]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"
