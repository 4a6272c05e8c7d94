"""The languages a session is held in, interpreted into and captioned in.

A language is kept as its ISO 639-1 code ("ar", "en", "fr") and named from
CLDR through Babel, in the reader's language: "الإنجليزية" in Arabic,
"English" in English. Any language CLDR names may be a floor, an
interpretation channel or a caption language, so an organiser can add the
channels a summit needs without a change to the code.
"""

from functools import cache

from babel import Locale, UnknownLocaleError
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, override, pgettext
from django.utils.translation import gettext_lazy as _

# Listed first in a choice, before the others in alphabetical order: the
# site's two languages and the other official languages of the UN.
FIRST = ("ar", "en", "fr", "es", "zh", "ru")


@cache
def _names(reader: str) -> dict[str, str]:
    """Two-letter language codes and their names, in the reader's language."""
    try:
        languages = Locale.parse(reader).languages
    except (UnknownLocaleError, ValueError):
        languages = Locale("en").languages
    return {code: name for code, name in languages.items() if len(code) == 2 and code.isalpha()}


def _reader() -> str:
    return (get_language() or "en").split("-")[0]


def language_name(code: str, reader: str | None = None) -> str:
    """The name of the language code, in reader's language (the active one
    unless told); the code itself for one CLDR does not know."""
    return _names(reader or _reader()).get(code, code)


def is_known(code: str) -> bool:
    return code in _names("en")


def validate_language(code: str) -> None:
    if not is_known(code):
        raise ValidationError(
            _("“%(code)s” is not a language code we know. Use a two-letter code: ar, en, fr."),
            code="unknown_language",
            params={"code": code},
        )


def language_choices() -> list[tuple[str, str]]:
    """Every language, named in the active language: the first few, then
    the rest by name."""
    names = _names(_reader())
    rest = sorted((code for code in names if code not in FIRST), key=names.__getitem__)
    return [(code, names[code]) for code in (*FIRST, *rest)]


def offered(session, reader: str | None = None) -> str:
    """What a session is offered in, as a line: "Arabic · English
    interpretation · captions in English", in reader's language."""
    reader = reader or _reader()
    with override(reader):
        parts = [language_name(session.floor_language, reader)]
        captions = []
        for kind, language in session.offered_languages():
            name = language_name(language, reader)
            if kind == "interpretation":
                parts.append(
                    pgettext("language offered", "%(language)s interpretation") % {"language": name}
                )
            else:
                captions.append(name)
        if captions:
            separator = pgettext("list separator", ", ")
            parts.append(
                pgettext("language offered", "captions in %(languages)s")
                % {"languages": separator.join(captions)}
            )
        return " · ".join(parts)
