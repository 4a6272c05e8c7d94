"""Uploaded SVG images (logos): accepted only when they are pictures and
nothing else. An SVG is XML that a browser may run as a page, so one that
carries a script, an event handler, an embedded page or anything fetched
from elsewhere is refused, with a message saying why; what is accepted is
stored as it was uploaded.

The file is parsed with defusedxml, which refuses entity tricks (the
"billion laughs", external entities) before anything is expanded.
"""

import re

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# Elements that run code or show another document.
FORBIDDEN_ELEMENTS = frozenset({"script", "foreignObject", "iframe", "embed", "object", "handler"})
# What a link inside a logo may point at: one of its own parts, or an image
# written into the file itself.
ALLOWED_LINK = re.compile(r"^(#[\w.\-:]+|data:image/(png|jpeg|webp);base64,[A-Za-z0-9+/=\s]+)$")
# CSS that loads or runs something: url() of anything but a fragment,
# @import, expression(), javascript:.
UNSAFE_CSS = re.compile(r"url\(\s*['\"]?(?!#)|@import|expression\s*\(|javascript:", re.IGNORECASE)

INVALID = _("This file is not a valid SVG image. Export it again as plain SVG.")
SCRIPTED = _("This SVG contains a script or an event handler. Upload a version without scripts.")
EXTERNAL = _(
    "This SVG loads something from elsewhere or embeds a page. Upload a self-contained version."
)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def check_svg(data: bytes) -> None:
    """Raise a ValidationError, in the active language, unless data is an
    SVG picture with no script, event handler, embedded page or outside link."""
    if len(data) > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            _("The image is too large: the limit is %(limit)s MB."),
            params={"limit": settings.IMAGE_MAX_BYTES // (1024 * 1024)},
            code="image_too_large",
        )
    try:
        root = ElementTree.fromstring(data, forbid_dtd=True)
    except (DefusedXmlException, ElementTree.ParseError, ValueError):
        raise ValidationError(INVALID, code="svg_invalid") from None
    if root.tag != f"{SVG_NAMESPACE}svg":
        raise ValidationError(INVALID, code="svg_invalid")
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = _local(element.tag)
        if name == "script" or name == "handler":
            raise ValidationError(SCRIPTED, code="svg_script")
        if name in FORBIDDEN_ELEMENTS:
            raise ValidationError(EXTERNAL, code="svg_external")
        if name == "style" and UNSAFE_CSS.search(element.text or ""):
            raise ValidationError(EXTERNAL, code="svg_external")
        for attribute, value in element.attrib.items():
            local = _local(attribute).lower()
            if local.startswith("on"):
                raise ValidationError(SCRIPTED, code="svg_script")
            if "javascript:" in value.lower().replace(" ", ""):
                raise ValidationError(SCRIPTED, code="svg_script")
            if attribute in ("href", XLINK_HREF) and not ALLOWED_LINK.match(value.strip()):
                raise ValidationError(EXTERNAL, code="svg_external")
            if local == "style" and UNSAFE_CSS.search(value):
                raise ValidationError(EXTERNAL, code="svg_external")
            # An animation that rewrites a link or a handler is a script too.
            target = value.lower()
            rewrites_code = target in ("href", "xlink:href") or target.startswith("on")
            if name in ("set", "animate") and local == "attributename" and rewrites_code:
                raise ValidationError(SCRIPTED, code="svg_script")


def validate_svg(file) -> None:
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        data = file.read(settings.IMAGE_MAX_BYTES + 1)
    finally:
        file.seek(position)
    check_svg(data)
