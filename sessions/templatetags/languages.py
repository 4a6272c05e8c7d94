"""Languages on pages: a code's name, and what a session is offered in."""

from django import template

from sessions.languages import language_name as name_of
from sessions.languages import offered
from sessions.virtual import recordings_for_reader

register = template.Library()


@register.filter
def language_name(code: str) -> str:
    """The name of the language code in the page's language."""
    return name_of(code) if code else ""


@register.filter
def languages_offered(session) -> str:
    """ "Arabic · English interpretation · captions in English"."""
    return offered(session)


@register.filter
def for_reader(recordings, language: str) -> list:
    """Recordings with the one in language (the page's) first."""
    return recordings_for_reader(recordings, language)
