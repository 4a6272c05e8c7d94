"""Every error the API answers is JSON with a message in the language asked
for: `{"detail": "...", "errors": [...]}`, the errors naming each value
refused. No input makes a 500; should a bug do so, the answer is JSON too,
and the error is logged as Django logs any other."""

import json
import logging
import re

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja.errors import ValidationError

from api.schemas import MAX_PAGE, MAX_PAGE_SIZE

logger = logging.getLogger("django.request")

CONTENT_TYPE = "application/json; charset=utf-8"


def json_error(status: int, detail: str, errors: list[dict] | None = None) -> HttpResponse:
    body = {"detail": detail, "errors": errors or []}
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=CONTENT_TYPE
    )


def _choices(error: dict) -> list[str]:
    """The values a literal or enum parameter accepts, from pydantic's error."""
    return re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", "")))


def field_message(parameter: str, error: dict) -> str:
    """What to write in place of a value the API cannot use."""
    kind = error.get("type", "")
    if parameter == "page":
        return _("Give a page number from 1 to %(max)s.") % {"max": MAX_PAGE}
    if parameter == "page_size":
        return _("Give a page size from 1 to %(max)s.") % {"max": MAX_PAGE_SIZE}
    if parameter == "updated_since":
        return _("Give a date and time in ISO 8601, such as 2020-09-30T10:00:00+03:00.")
    if parameter == "day":
        return _("Give a date as YYYY-MM-DD, such as 2020-09-30.")
    if kind in {"literal_error", "enum"} and (choices := _choices(error)):
        return _("Choose one of: %(choices)s.") % {"choices": ", ".join(choices)}
    if kind.startswith("string_"):
        return _("Give a slug: letters, digits and hyphens, such as riyadh-2020.")
    if kind == "less_than_equal" and "le" in error.get("ctx", {}):
        return _("Give a whole number from 1 to %(max)s.") % {"max": error["ctx"]["le"]}
    if kind.startswith("int_") or kind == "greater_than_equal":
        return _("Give a whole number of 1 or more, such as 12.")
    return _("This value cannot be used here.")


def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = []
    for error in exc.errors:
        location, *rest = error.get("loc") or ("query",)
        parameter = ".".join(str(part) for part in rest)
        errors.append(
            {
                "location": str(location),
                "parameter": parameter,
                "message": field_message(parameter, error),
            }
        )
    return json_error(422, _("Some values in the request cannot be used."), errors)


def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return json_error(404, str(exc) or _("There is nothing at this address."))


def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.error(
        "Internal Server Error: %s", request.path, exc_info=exc, extra={"status_code": 500}
    )
    return json_error(500, _("Something went wrong on our side. Please try again later."))


class Unauthorized(Exception):
    """A request whose Authorization header names no valid reader."""


def unauthorized(request: HttpRequest, exc: Unauthorized) -> HttpResponse:
    response = json_error(
        401,
        _(
            "This token is not valid: it may have been replaced or the accreditation may have "
            "ended. Copy the current one from your accreditation page."
        ),
    )
    response["WWW-Authenticate"] = 'Bearer realm="press"'
    return response
