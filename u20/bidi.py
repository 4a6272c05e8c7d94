"""Left-to-right fragments in right-to-left pages.

A phone number, an email address, a reference or a file name inside an
Arabic sentence is reordered by the bidirectional algorithm: "+966 11 555
0100" shows as "0100 555 11 966+". Such a fragment is isolated with markup,
<bdi dir="ltr">, never with invisible control characters (U+200E, U+202A,
U+2066 and the like), which get copied with the text, break searches and are
read out by some screen readers. Fields for addresses, links and phone
numbers are typed left to right on every page.
"""

import re

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

# The marks and embeddings that markup replaces: LRM, RLM, the embeddings
# and overrides LRE to RLO, the isolates LRI to PDI, and the Arabic letter mark.
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")

# Input types whose text reads left to right whatever the page's direction.
LTR_INPUT_TYPES = frozenset({"email", "tel", "url"})


def ltr(value) -> SafeString:
    """value, escaped, in an element that keeps it left to right."""
    return format_html('<bdi dir="ltr">{}</bdi>', value)


def with_ltr(message: str, **values) -> SafeString:
    """A translated message with %(name)s placeholders, escaped, each value
    isolated left to right: for help texts and errors a form shows as HTML."""
    return mark_safe(conditional_escape(message) % {name: ltr(v) for name, v in values.items()})  # noqa: S308


class FormRenderer(DjangoTemplates):
    """Django's form renderer, with email, phone and link inputs written
    left to right on Arabic pages too (FORM_RENDERER)."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if isinstance(widget, dict) and widget.get("type") in LTR_INPUT_TYPES:
            # get_context() builds attrs afresh for each render: nothing shared is changed.
            widget["attrs"].setdefault("dir", "ltr")
        return super().render(template_name, context, request)
