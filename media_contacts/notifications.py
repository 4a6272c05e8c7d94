"""What journalists and the media team are told about interview requests.
Each message is rendered in its reader's language and queued with the change
that caused it (see u20.outbox), so a mail server that is down delays it and
never loses it."""

import zoneinfo
from datetime import datetime
from enum import StrEnum

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from media_contacts.models import Accreditation, InterviewRequest, press_zone
from u20 import outbox
from u20.links import absolute_url
from u20.times import clock, reader_zone_label, reading, reading_text
from u20.zones import utc_offset


class Kind(StrEnum):
    """What the press office writes about a request. The value is part of the
    outbox's kind (media.<value>) and of each email's dedupe key: never
    rename one."""

    ACKNOWLEDGEMENT = "acknowledgement"
    TEAM = "team"
    SCHEDULED = "scheduled"
    DECLINED = "declined"


# Subject and opening paragraph of each message.
MESSAGES = {
    Kind.ACKNOWLEDGEMENT: (
        _("We have received your request – reference %(reference)s"),
        _(
            "Thank you for writing to the U20 media team. Your request is with us and a "
            "member of the team will reply, before your deadline wherever we can. Please "
            "quote your reference in any message about it."
        ),
    ),
    Kind.TEAM: (
        _("New interview request %(reference)s from %(outlet)s"),
        _(
            "A journalist has sent a request through the newsroom. Assign it in the admin "
            "and reply before their deadline."
        ),
    ),
    Kind.SCHEDULED: (
        _("Your request is scheduled – reference %(reference)s"),
        _(
            "Good news: the media team has scheduled your request. The date, time and "
            "format are below. If they no longer suit you, reply to this email."
        ),
    ),
    Kind.DECLINED: (
        _("About your request – reference %(reference)s"),
        _(
            "Thank you for your interest in the U20 Mayors Summit. We are sorry that we "
            "cannot arrange what you asked for this time. We will gladly look at future "
            "requests, and our latest news is always in the newsroom."
        ),
    ),
}
FOR_TEAM = {Kind.TEAM}


def _when(moment: datetime | None, zone) -> str:
    """ "Wednesday 30 September 2020, 14:00, Asia/Riyadh time, UTC+3 · 11:00 UTC"."""
    if moment is None:
        return ""
    text = reading_text(reading(moment, zone, reader_zone_label(zone, moment), None))
    if utc_offset(moment, zone) != "UTC":
        text += f" · {clock(moment, zoneinfo.ZoneInfo('UTC'))} UTC"
    return text


def _details(interview: InterviewRequest, zone, *, for_team: bool) -> list[tuple[str, str]]:
    """The request as label and value pairs, plain text: templates escape them."""
    rows = [(_("Reference"), interview.reference)]
    if for_team:
        rows += [
            (_("Name"), interview.name),
            (_("Media outlet"), interview.outlet),
            (_("Role"), interview.role),
            (_("Email"), interview.email),
            (_("Phone"), interview.phone),
            (_("Country"), interview.country),
            (_("Preferred language"), interview.get_language_display()),
        ]
    rows += [
        (_("Request type"), interview.get_kind_display()),
        (_("Wants to interview") if for_team else _("Whom you asked for"), interview.wanted),
        (_("Related session"), interview.session.title if interview.session_id else ""),
        (_("Format"), interview.get_format_display()),
        (_("Available from"), _when(interview.window_start, zone)),
        (_("Available until"), _when(interview.window_end, zone)),
        (_("Deadline"), _when(interview.deadline, zone)),
    ]
    return [(str(label), value) for label, value in rows if value]


def _queue(
    *, template: str, for_team: bool, journalist: str, language: str, context, **queue_fields
) -> None:
    """Render template and queue it: to MEDIA_TEAM_EMAIL in the site's
    language, or to the journalist in theirs, with their replies going to
    MEDIA_TEAM_EMAIL, never to the no-reply sender. context() builds the
    template's context in the reader's language."""
    language = settings.LANGUAGE_CODE if for_team else language
    with translation.override(language):
        message = outbox.render(template, context(), language=language)
    outbox.queue(
        to=settings.MEDIA_TEAM_EMAIL if for_team else journalist,
        reply_to="" if for_team else settings.MEDIA_TEAM_EMAIL,
        language=language,
        **queue_fields,
        **message,
    )


def _admin_url(name: str, pk: int, for_team: bool) -> str:
    return (
        absolute_url(reverse(f"admin:media_contacts_{name}_change", args=[pk])) if for_team else ""
    )


def notify(interview: InterviewRequest, kind: Kind) -> None:
    """Queue the message of kind about interview, to the journalist or to
    the media team (see _queue)."""
    for_team = kind in FOR_TEAM
    subject, intro = MESSAGES[kind]
    zone = press_zone()

    def context() -> dict:
        return {
            "subject": subject % {"reference": interview.reference, "outlet": interview.outlet},
            "intro": intro,
            "request": interview,
            "for_team": for_team,
            "details": _details(interview, zone, for_team=for_team),
            "scheduled_when": _when(interview.scheduled_for, zone)
            if kind == Kind.SCHEDULED
            else "",
            "newsroom_url": absolute_url(reverse("media_contacts:newsroom")),
            "admin_url": _admin_url("interviewrequest", interview.pk, for_team),
        }

    dedupe_key = f"interview:{interview.pk}:{kind}"
    if kind == Kind.SCHEDULED:
        # Each new date is news; the same date twice is not.
        dedupe_key += f":{interview.scheduled_for.isoformat()}:{interview.format}"
    _queue(
        template="media_request",
        for_team=for_team,
        journalist=interview.email,
        language=interview.language,
        context=context,
        kind=f"media.{kind}",
        dedupe_key=dedupe_key,
    )


def email_keys(request_id: int) -> str:
    """The prefix of every dedupe key of a request's emails."""
    return f"interview:{request_id}:"


# What the press office writes about an accreditation: (subject, opening
# paragraph) by the status it has just reached. The key is part of each
# email's dedupe key and of the outbox's kind (media.accreditation.<key>).
ACCREDITATION_MESSAGES = {
    "submitted": (
        _("We have received your accreditation request – %(reference)s"),
        _(
            "Thank you for applying for media accreditation. The media team will review "
            "your request and write to you. You can follow it on your accreditation page."
        ),
    ),
    "resubmitted": (
        _("We have received your updated accreditation request – %(reference)s"),
        _("Thank you for the information. The media team will look at your request again."),
    ),
    "team": (
        _("Accreditation request %(reference)s from %(outlet)s"),
        _("A journalist has applied for media accreditation. Review the request in the admin."),
    ),
    Accreditation.Status.APPROVED: (
        _("You are accredited – %(reference)s"),
        _(
            "Welcome: your media accreditation is approved. Your badge and your private feed "
            "of releases, including those under embargo, are on your accreditation page. "
            "Please respect every embargo until the time it states."
        ),
    ),
    Accreditation.Status.MORE_INFO: (
        _("Your accreditation request needs more information – %(reference)s"),
        _(
            "Thank you for applying. Before we can decide, the media team needs more from "
            "you; their message is below. Update your request on your accreditation page."
        ),
    ),
    Accreditation.Status.DECLINED: (
        _("About your accreditation request – %(reference)s"),
        _(
            "Thank you for your interest in covering the U20 Mayors Summit. We are sorry that "
            "we cannot accredit you this time. Our press releases remain open to all in the "
            "newsroom, and the media team will gladly answer your questions."
        ),
    ),
}


def _accreditation_details(accreditation: Accreditation, *, for_team: bool) -> list:
    rows = [
        (_("Reference"), accreditation.reference),
        (_("Summit"), accreditation.summit.name),
        (_("Name"), accreditation.name),
        (_("Media outlet"), accreditation.outlet),
        (_("Role"), accreditation.role),
    ]
    if for_team:
        rows += [
            (_("Email"), accreditation.email),
            (_("Phone"), accreditation.phone),
            (_("Country"), accreditation.country),
            (_("Link to published work"), accreditation.work_link),
        ]
    if accreditation.expires_at and accreditation.status == Accreditation.Status.APPROVED:
        rows.append((_("Valid until"), _when(accreditation.expires_at, accreditation.summit.zone)))
    return [(str(label), value) for label, value in rows if value]


def _accreditation_email(
    accreditation: Accreditation, key: str, *, message: str = "", dedupe: str
) -> None:
    for_team = key == "team"
    subject, intro = ACCREDITATION_MESSAGES[key]

    def context() -> dict:
        return {
            "subject": subject
            % {"reference": accreditation.reference, "outlet": accreditation.outlet},
            "intro": intro,
            "name": accreditation.name,
            "for_team": for_team,
            "message": message,
            "details": _accreditation_details(accreditation, for_team=for_team),
            "page_url": absolute_url(reverse("media_contacts:accreditation")),
            "admin_url": _admin_url("accreditation", accreditation.pk, for_team),
        }

    _queue(
        template="accreditation",
        for_team=for_team,
        journalist=accreditation.email,
        language=accreditation.language,
        context=context,
        kind=f"media.accreditation.{key}",
        dedupe_key=f"accreditation:{accreditation.pk}:{dedupe}",
    )


def accreditation_received(accreditation: Accreditation, *, again: bool) -> None:
    """Acknowledge an application (or its update) and tell the media team."""
    step = accreditation.history.count()
    key = "resubmitted" if again else "submitted"
    _accreditation_email(accreditation, key, dedupe=f"{key}:{step}")
    _accreditation_email(accreditation, "team", dedupe=f"team:{step}")


def accreditation_reviewed(accreditation: Accreditation, *, to: str, message: str, at) -> None:
    """Tell the journalist what the media team decided, with their message."""
    _accreditation_email(accreditation, to, message=message, dedupe=f"{to}:{at.isoformat()}")


def accreditation_email_keys(accreditation_id: int) -> str:
    return f"accreditation:{accreditation_id}:"
