"""What every schedule format says about a session in words: where it takes
place, its description with its hosts, and text that any file can carry.

The iCalendar builder (sessions.calendar) and the frab builder
(sessions.frab) both read these, so a session reads the same in a calendar
app as in a schedule app; neither builder depends on the other.
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from sessions.languages import offered
from sessions.models import Session
from u20.models import Theme

# Characters XML 1.0 and iCalendar text cannot carry; an organiser may paste
# one from a word processor, and it must not break the file for every reader.
_UNSAFE_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean(text: str | None) -> str:
    """text without the characters an iCalendar or XML file cannot carry."""
    return _UNSAFE_CHARACTERS.sub("", text or "")


ONLINE = "online"
VENUE = "venue"


def room_key(session: Session) -> str:
    """What identifies a session's room in every language: ONLINE, VENUE or
    the host city's. Sessions have no room of their own, so a virtual one is
    online and any other is in the summit's host city."""
    summit = session.summit
    # Whether a join link exists is public (the page offers to join); the
    # link itself is never read here.
    if summit.is_virtual or session.join_url:
        return ONLINE
    if summit.host_city_id:
        return f"city-{summit.host_city_id}"
    return VENUE


def room_name(session: Session) -> str:
    """The name of room_key's room in the active language."""
    key = room_key(session)
    if key == ONLINE:
        # Translators: the room of a session held on the internet, in calendar files.
        return _("Online")
    if key == VENUE:
        # Translators: the room of a session when nothing more precise is known.
        return _("Venue")
    return session.summit.host_city.name


def main_theme(session: Session) -> Theme | None:
    """The theme that stands for a session where a format has room for one
    (frab's track): the first made, so that it is the same in every language
    whatever the themes are called."""
    return min(session.themes.all(), key=lambda theme: theme.pk, default=None)


def host_names(session: Session) -> list[str]:
    return [link.host.name for link in session.hosts.all()]


def describe(session: Session) -> str:
    """The session's description followed by who hosts it and the languages
    it is offered in."""
    parts = [session.description.strip()] if session.description else []
    hosts = host_names(session)
    if hosts:
        # Translators: separates names in a list, such as "Riyadh, UN-Habitat".
        separator = pgettext("list separator", ", ")
        parts.append(_("Hosted by: %(hosts)s") % {"hosts": separator.join(hosts)})
    parts.append(_("Languages: %(languages)s") % {"languages": offered(session)})
    return clean("\n\n".join(parts))
