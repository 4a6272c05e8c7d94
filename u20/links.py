from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext


def absolute_url(path: str) -> str:
    """A link for an email, a calendar feed or an export: built from SITE_URL,
    never from the Host a request happened to carry."""
    return f"{settings.SITE_URL}{path}"


@dataclass(frozen=True)
class Site:
    """What allauth's emails call the current site, from SITE_URL: the name
    and address links are written for, whatever Host a request carried."""

    name: str
    domain: str


def current_site() -> Site:
    return Site(name=gettext("U20 Mayors Summit"), domain=urlsplit(settings.SITE_URL).netloc)
