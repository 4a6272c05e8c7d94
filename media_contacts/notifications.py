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

from media_contacts.models import InterviewRequest, press_zone
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


def notify(interview: InterviewRequest, kind: Kind) -> None:
    """Queue the message of kind about interview: to the journalist, in
    their language, or to MEDIA_TEAM_EMAIL in the site's language. The
    journalist's replies go to MEDIA_TEAM_EMAIL, never to the no-reply
    sender."""
    for_team = kind in FOR_TEAM
    language = settings.LANGUAGE_CODE if for_team else interview.language
    subject, intro = MESSAGES[kind]
    zone = press_zone()
    with translation.override(language):
        context = {
            "subject": subject % {"reference": interview.reference, "outlet": interview.outlet},
            "intro": intro,
            "request": interview,
            "for_team": for_team,
            "details": _details(interview, zone, for_team=for_team),
            "scheduled_when": _when(interview.scheduled_for, zone)
            if kind == Kind.SCHEDULED
            else "",
            "newsroom_url": absolute_url(reverse("media_contacts:newsroom")),
            "admin_url": absolute_url(
                reverse("admin:media_contacts_interviewrequest_change", args=[interview.pk])
            )
            if for_team
            else "",
        }
        message = outbox.render("media_request", context, language=language)
    dedupe_key = f"interview:{interview.pk}:{kind}"
    if kind == Kind.SCHEDULED:
        # Each new date is news; the same date twice is not.
        dedupe_key += f":{interview.scheduled_for.isoformat()}:{interview.format}"
    outbox.queue(
        to=settings.MEDIA_TEAM_EMAIL if for_team else interview.email,
        reply_to="" if for_team else settings.MEDIA_TEAM_EMAIL,
        language=language,
        kind=f"media.{kind}",
        dedupe_key=dedupe_key,
        **message,
    )


def email_keys(request_id: int) -> str:
    """The prefix of every dedupe key of a request's emails."""
    return f"interview:{request_id}:"
