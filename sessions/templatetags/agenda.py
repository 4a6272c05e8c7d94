"""The agenda's rows, written in Python.

An agenda lists every session of a summit, and a G20-size one has hundreds.
Written as template includes, each row cost some sixty template nodes and a
dozen catalogue look-ups, and the rows were most of the page's time. The tag
below writes the same markup in one pass: each label is looked up once for
all the rows of a day, and every value from the database is escaped on its
way in (html.escape, which is what Django's own escape calls).
"""

from html import escape

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from sessions.languages import offered
from sessions.lifecycle import is_live
from u20.templatetags.summit import moment

register = template.Library()


def _names(names, separator: str) -> str:
    """Names in a line, each isolated for its own direction."""
    return separator.join(f"<bdi>{escape(str(name))}</bdi>" for name in names)


def _row(session, summit, viewer_zone, labels: dict, now) -> str:
    time = moment(
        session.starts_at,
        summit,
        viewer_zone,
        end=session.ends_at,
        reader_first=True,
        style="time",
    )
    cancelled = session.is_cancelled
    badges = f'<span class="badge">{escape(str(session.get_kind_display()))}</span>'
    if cancelled:
        badges += f' <span class="badge badge-alert">{labels["cancelled"]}</span>'
    elif is_live(session, now):
        badges += f' <span class="badge badge-live">{labels["live"]}</span>'
    html = (
        f'<li class="session{" is-cancelled" if cancelled else ""}">\n'
        f'  <div class="session-time">{time}</div>\n'
        '  <div class="session-body">\n'
        f'    <h3><a href="{escape(session.get_absolute_url())}">'
        f"{escape(str(session.title))}</a></h3>\n"
        f'    <p class="meta">{badges}</p>\n'
        f'    <p class="languages"><span class="label">{labels["languages"]}</span> '
        f"{escape(offered(session))}</p>\n"
    )
    if hosts := [link.host.name for link in session.agenda_hosts]:
        html += (
            f'    <p class="hosts"><span class="label">{labels["hosted_by"]}</span> '
            f"{_names(hosts, labels['separator'])}</p>\n"
        )
    if speakers := [link.speaker.name for link in session.agenda_speakers]:
        html += (
            f'    <p class="speakers"><span class="label">{labels["speakers"]}</span> '
            f"{_names(speakers, labels['separator'])}</p>\n"
        )
    if themes := session.agenda_themes:
        items = "".join(f"<li>{escape(str(theme.name))}</li>" for theme in themes)
        html += f'    <ul class="tags" aria-label="{labels["themes"]}">{items}</ul>\n'
    return html + "  </div>\n</li>\n"


@register.simple_tag
def session_rows(sessions, summit, viewer_zone=None) -> SafeString:
    """The agenda rows of sessions (from Session.objects.for_agenda()), as
    <li class="session"> items: the time in the summit's zone and the
    reader's (as {% moment %} writes it), the linked title, the kind, whether
    it is cancelled or live now, the languages it is offered in, its hosts,
    speakers and themes."""
    labels = {
        name: escape(str(text))
        for name, text in {
            "cancelled": pgettext("session status", "Cancelled"),
            "live": pgettext("session phase", "Live now"),
            "languages": _("Languages"),
            "hosted_by": _("Hosted by"),
            "speakers": _("Speakers"),
            "themes": _("Themes"),
            "separator": pgettext("list separator", ", "),
        }.items()
    }
    now = timezone.now()
    rows = "".join(_row(session, summit, viewer_zone, labels, now) for session in sessions)
    return mark_safe(rows)  # noqa: S308 -- every value in it went through escape()
