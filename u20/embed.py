"""The agenda other sites show in a frame: which origins a summit lets
frame it, and the code organisers give those sites to paste.

Origins are typed one a line (https://www.example.org, http://localhost:8080)
and become the embed page's CSP `frame-ancestors` source list as written
here, so each is checked to be exactly a scheme, a host and an optional
port: a path, a wildcard or a keyword would widen or break that list.
"""

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from u20.links import absolute_url

SCHEMES = ("https", "http")
DEFAULT_PORTS = {"https": 443, "http": 80}
# The message embed.js posts to the page around the frame.
HEIGHT_MESSAGE = "u20-embed-height"
# The frame's height before the first message arrives, in CSS pixels.
FIRST_HEIGHT = 800

_url = URLValidator(schemes=list(SCHEMES))

INVALID = _(
    "“%(origin)s” is not an origin. Write it as scheme://host or scheme://host:port, "
    "such as https://www.example.org or http://localhost:8080."
)


def _problem(line: str):
    """Why line is not an origin, as a message to show; None when it is."""
    if "*" in line:
        return _("“%(origin)s”: wildcards are not allowed. Put each site’s origin on its own line.")
    if any(character.isspace() for character in line):
        return _("“%(origin)s” holds more than one value. Put each origin on its own line.")
    scheme, _sep, rest = line.partition("://")
    if scheme.lower() not in SCHEMES or not rest:
        return _("“%(origin)s” must start with https:// or http://.")
    parts = urlsplit(line)
    if parts.path not in ("", "/") or parts.query or parts.fragment or "?" in line or "#" in line:
        return _(
            "“%(origin)s” has a path. Give only the scheme, the host and the port if any, "
            "such as https://www.example.org."
        )
    if "@" in parts.netloc:
        return INVALID
    try:
        _url(f"{parts.scheme}://{parts.netloc}")
        # A port out of range, or a host that has no ASCII form for the header.
        _normalised(line)
    except (ValueError, ValidationError, UnicodeError):
        return INVALID
    return None


def validate_embed_origins(value: str) -> None:
    """Refuse a list of origins with any line that is not one, naming each."""
    errors = []
    for line in _lines(value):
        if (problem := _problem(line)) is not None:
            errors.append(ValidationError(problem, code="invalid_origin", params={"origin": line}))
    if errors:
        raise ValidationError(errors)


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def _normalised(line: str) -> str:
    parts = urlsplit(line)
    scheme, host = parts.scheme.lower(), parts.hostname or ""
    host = host.encode("idna").decode("ascii")
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    port = parts.port
    return f"{scheme}://{host}" + (f":{port}" if port and port != DEFAULT_PORTS[scheme] else "")


def embed_origins(value: str) -> list[str]:
    """The origins a summit's list names, each once, as a CSP source list
    writes them: lower case, the host in ASCII, no default port."""
    origins = []
    for line in _lines(value):
        if _problem(line) is None and (origin := _normalised(line)) not in origins:
            origins.append(origin)
    return origins


def site_origin() -> str:
    """This site's origin, as the page around the frame sees messages come."""
    parts = urlsplit(settings.SITE_URL)
    return f"{parts.scheme}://{parts.netloc}"


def embed_url(summit, *, lang: str) -> str:
    with translation.override(lang):
        return absolute_url(reverse("agenda:embed", kwargs={"summit": summit.slug}))


def embed_snippet(summit, *, lang: str) -> str:
    """The HTML another site pastes to show summit's agenda in lang: the
    frame, and a script that sets its height from the messages the agenda
    posts, taking only those that come from this site and from that frame."""
    frame_id = f"u20-agenda-{summit.slug}-{lang}"
    with translation.override(lang):
        # The same words as the agenda page's own title in search results.
        title = gettext("%(summit)s agenda") % {"summit": summit.name}
    script_values = {
        "frame": _js_string(frame_id),
        "origin": _js_string(site_origin()),
        "type": _js_string(HEIGHT_MESSAGE),
    }
    attributes = {
        "id": frame_id,
        "src": embed_url(summit, lang=lang),
        "title": title,
        "width": "100%",
        "height": str(FIRST_HEIGHT),
        "loading": "lazy",
    }
    frame = "<iframe {}></iframe>".format(
        " ".join(f'{name}="{escape(value)}"' for name, value in attributes.items())
    )
    script = (
        "<script>\n"
        'window.addEventListener("message", function (event) {\n'
        f"  var frame = document.getElementById({script_values['frame']});\n"
        f"  if (!frame || event.origin !== {script_values['origin']} "
        "|| event.source !== frame.contentWindow) return;\n"
        "  var data = event.data;\n"
        f"  if (data && data.type === {script_values['type']} "
        '&& typeof data.height === "number" && data.height > 0) {\n'
        "    frame.height = String(Math.ceil(data.height));\n"
        "  }\n"
        "});\n"
        "</script>"
    )
    return f"{frame}\n{script}\n"


def _js_string(value: str) -> str:
    """value as a JavaScript string literal that cannot end the script it is in."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e")
