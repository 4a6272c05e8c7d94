from django import template

from u20 import bidi

register = template.Library()


@register.filter
def ltr(value):
    """{{ reference|ltr }}: a number, address or code kept left to right
    inside right-to-left text. Works inside {% blocktranslate with %} too, so
    the sentence stays one string for translators."""
    return bidi.ltr(value)
