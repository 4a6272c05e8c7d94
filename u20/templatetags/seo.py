"""The head of every page as search engines and link previews read it:
`{% page_meta %}` in base.html, which each page kind overrides with its own
title, description and image."""

from django import template

from u20 import seo

register = template.Library()


@register.inclusion_tag("u20/_page_meta.html", takes_context=True)
def page_meta(
    context,
    *,
    title="",
    description="",
    image=None,
    image_alt="",
    kind="website",
    published=None,
    noindex=False,
):
    """Description, canonical and hreflang links, Open Graph and Twitter
    tags, or a noindex for pages that are nobody else's business. A page
    that says nothing of itself is described by its summit, else the
    current one (the menu's, already loaded), else the U20."""
    return {
        "meta": seo.page_meta(
            context.get("request"),
            title=title,
            description=description,
            summit=context.get("summit") or context.get("menu_summit"),
            image=image,
            image_alt=image_alt,
            kind=kind,
            published=published,
            noindex=noindex,
            page=context.get("page"),
        )
    }


@register.filter
def first_image(objects, path: str):
    """The first non-empty image at path ("speaker.photo") on these objects,
    for a page that shows several people and previews with one of them."""
    for obj in objects:
        value = obj
        for name in path.split("."):
            value = getattr(value, name, None)
        if value:
            return value
    return None


@register.filter
def in_page_language(obj, field_name: str) -> str:
    """`release|in_page_language:"summary"`: the field in the page's language
    only, empty when it is written only in the other."""
    return seo.in_page_language(obj, field_name)
