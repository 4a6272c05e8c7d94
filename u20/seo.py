"""What search engines and link previews read of a page: its description,
its address in each language, and the Open Graph card.

Every address here is absolute and built from SITE_URL, like the links in
emails: a crawler must never learn the Host a request happened to carry.
The query string is dropped, except the page number of a paginated list:
filters, a chosen time zone or a search are views of one page, which is
the page to index; page 2 of the newsroom is other content.
"""

import html
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.paginator import Page
from django.templatetags.static import static
from django.urls import translate_url
from django.utils.encoding import iri_to_uri
from django.utils.html import strip_tags
from django.utils.safestring import SafeData
from django.utils.translation import get_language, gettext
from modeltranslation.utils import build_localized_fieldname

from u20.links import absolute_url

DESCRIPTION_LENGTH = 160
# Open Graph names a locale by language and territory: the summit speaks
# British English and the Arabic of its Saudi host.
OG_LOCALES = {"en": "en_GB", "ar": "ar_SA"}
DEFAULT_IMAGE = "img/social-card.png"
DEFAULT_IMAGE_SIZE = (1200, 630)
_SPACES = re.compile(r"\s+")


def plain_text(value) -> str:
    """The text a reader sees: markup a page rendered (a safe string) loses
    its tags and entities; every run of whitespace becomes one space."""
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, SafeData):
        text = html.unescape(strip_tags(text))
    return _SPACES.sub(" ", text).strip()


def describe(value, *, limit: int = DESCRIPTION_LENGTH) -> str:
    """At most limit characters of text, cut between words, with an ellipsis
    when cut: what a search result shows under the title."""
    text = plain_text(value)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:،؛") + "…"


def in_page_language(obj, field_name: str) -> str:
    """A translated field as written in the active language, without the
    fallback to the other one that pages show: a search result in the
    reader's language says less rather than speak the other."""
    if obj is None:
        return ""
    language = get_language() or settings.LANGUAGE_CODE
    localized = build_localized_fieldname(field_name, language)
    if hasattr(obj, localized):
        return getattr(obj, localized) or ""
    return getattr(obj, field_name, "") or ""


def absolute(url: str) -> str:
    """An address as a crawler needs it: a path gets SITE_URL in front; an
    address a storage already made absolute (a CDN, S3) is kept."""
    if url.startswith(("https://", "http://")):
        return url
    if url.startswith("//"):
        return f"https:{url}"
    return absolute_url(url)


def indexed_query(context_page) -> str:
    """The part of the query string that names other content: the number of
    a paginated list's page, past the first."""
    if isinstance(context_page, Page) and context_page.number > 1:
        return f"?page={context_page.number}"
    return ""


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    url: str


@dataclass(frozen=True)
class Image:
    url: str
    width: int | None = None
    height: int | None = None
    alt: str = ""


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    noindex: bool = False
    url: str = ""
    alternates: list[Alternate] = field(default_factory=list)
    kind: str = "website"
    locale: str = ""
    other_locales: list[str] = field(default_factory=list)
    site_name: str = ""
    image: Image | None = None
    published: datetime | None = None


def language_urls(path: str, query: str = "") -> dict[str, str]:
    """This page's absolute address in each language of the site."""
    return {
        code: absolute(iri_to_uri(translate_url(path, code)) + query)
        for code, _name in settings.LANGUAGES
    }


def alternates(urls: dict[str, str]) -> list[Alternate]:
    """hreflang links for every language, and x-default for the default one,
    which a reader whose language the site does not speak should get."""
    links = [Alternate(code, url) for code, url in urls.items()]
    links.append(Alternate("x-default", urls[settings.LANGUAGE_CODE]))
    return links


def image_of(value, *, alt: str = "") -> Image:
    """The preview image: an uploaded file, a URL, or the site's own card."""
    if value:
        url = value if isinstance(value, str) else value.url
        return Image(url=absolute(url), alt=plain_text(alt))
    width, height = DEFAULT_IMAGE_SIZE
    return Image(url=absolute(static(DEFAULT_IMAGE)), width=width, height=height)


def site_description(summit=None) -> str:
    """What a page with nothing more particular to say is about: the current
    summit, else the U20 itself."""
    summary = describe(in_page_language(summit, "summary")) if summit else ""
    return summary or gettext(
        "The U20 (Urban 20) brings together the cities of G20 countries and observer "
        "cities to shape a common message for the G20."
    )


def page_meta(
    request,
    *,
    title: str = "",
    description: str = "",
    summit=None,
    image=None,
    image_alt: str = "",
    kind: str = "website",
    published: datetime | None = None,
    noindex: bool = False,
    page=None,
) -> PageMeta:
    """Everything the head of a page says to search engines and previews."""
    site_name = gettext("U20 Mayors Summit")
    meta_description = describe(description) or site_description(summit)
    meta_title = plain_text(title) or site_name
    if noindex or request is None:
        return PageMeta(title=meta_title, description=meta_description, noindex=noindex)
    language = get_language() or settings.LANGUAGE_CODE
    urls = language_urls(request.path, indexed_query(page))
    return PageMeta(
        title=meta_title,
        description=meta_description,
        url=urls.get(language, urls[settings.LANGUAGE_CODE]),
        alternates=alternates(urls),
        kind=kind,
        locale=OG_LOCALES.get(language, language),
        other_locales=[OG_LOCALES.get(code, code) for code in urls if code != language],
        site_name=site_name,
        image=image_of(image, alt=image_alt),
        published=published,
    )
