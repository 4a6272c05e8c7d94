"""Which language an API answer is written in.

`?lang=en` or `?lang=ar` asks for one language; `?lang=all` for every
language at once, each translated text then being an object keyed by
language code. Without `lang` (or with a value the API does not know, which
the operation then refuses), the Accept-Language header decides, and the
default language when it names none of ours. Cookies play no part: the same
request gets the same answer from anyone.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header

ALL = "all"
CODES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)


@dataclass(frozen=True)
class Language:
    """content: "en", "ar" or "all", the texts asked for; ui: the one
    language of messages (errors) when content is "all"."""

    content: str
    ui: str

    @property
    def codes(self) -> tuple[str, ...]:
        return CODES if self.content == ALL else (self.content,)

    @property
    def header(self) -> str:
        """The Content-Language header: every language the answer holds."""
        return ", ".join(self.codes)


def accepted(header: str) -> str:
    """The first of our languages the Accept-Language header names, else
    the default one."""
    for code, _quality in parse_accept_lang_header(header):
        if code == "*":
            break
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def choose(request: HttpRequest) -> Language:
    header = accepted(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
    asked = request.GET.get("lang", "")
    if asked in CODES:
        return Language(content=asked, ui=asked)
    if asked == ALL:
        return Language(content=ALL, ui=header)
    return Language(content=header, ui=header)
