"""Press releases are written in Markdown in the admin; this is the one place
that turns them into HTML a page may show."""

import re

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset(
    {"p", "a", "em", "strong", "ul", "ol", "li", "blockquote", "h2", "h3", "code", "pre", "br"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
# The page's title is its only h1: a "# Heading" in the text becomes an h2,
# and headings deeper than h3 become h3, rather than losing their structure.
_HEADING = re.compile(r"<(/?)h([1-6])>")


def _shift_heading(match: re.Match) -> str:
    level = 2 if int(match.group(2)) <= 2 else 3
    return f"<{match.group(1)}h{level}>"


def render_markdown(text: str | None) -> SafeString:
    """HTML for Markdown text, sanitised by nh3: only the tags and attributes
    above survive; scripts and styles go with their content, other raw HTML
    is reduced to its text, links get rel="noopener noreferrer", and only
    http, https and mailto links keep their address. No images."""
    html = markdown.markdown(text or "", extensions=["sane_lists", "fenced_code"])
    html = _HEADING.sub(_shift_heading, html)
    clean = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer",
    )
    # Sanitised just above: nothing but the allowed tags is left.
    return mark_safe(clean)  # noqa: S308
