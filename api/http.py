"""What every address under /api/v1/ does besides answering with its data.

- Only reads: GET and HEAD are answered, OPTIONS answers a browser's CORS
  preflight, anything else gets 405.
- Any site may read it: `Access-Control-Allow-Origin: *` on every answer.
- A fixed window per client address in the shared cache (u20.ratelimit,
  API_RATE_LIMIT) answers 429 with Retry-After once the window is spent.
- The language comes from `?lang=` or Accept-Language (api.languages) and
  is named in Content-Language; the answer varies by Accept-Language.
- A JSON answer is kept in the shared cache for API_CACHE_SECONDS under the
  site's content version (u20.pagecache), its language, path and query, so
  that any change to public content is seen at once on every server, and no
  longer than until a session it lists changes phase (its max-age too); it
  carries an ETag (and a Last-Modified once kept), and a conditional GET
  whose ETag still matches gets 304.
- A request with an Authorization header (an accredited journalist's
  token, for releases under embargo) skips that cache both ways and is
  answered `Cache-Control: private, no-store`.
"""

import hashlib
import math
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from api import languages
from api.errors import CONTENT_TYPE, json_error
from u20 import pagecache, ratelimit

SAFE_METHODS = ("GET", "HEAD")
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
# What a script on another site may send and read besides the basics.
ALLOWED_HEADERS = "Accept, Accept-Language, If-Modified-Since, If-None-Match"
EXPOSED_HEADERS = "Content-Language, ETag, Last-Modified, Retry-After"
PREFLIGHT_MAX_AGE = 86400
RATE_SCOPE = "api"
# A query this long or with this many values is no request a client
# repeats: it is answered without the cache.
MAX_QUERY_VALUE, MAX_QUERY_VALUES = 200, 20


def endpoint(view: Callable) -> Callable:
    """view, answered as every API address is (see the module's docstring)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "OPTIONS":
            return _shared(_preflight())
        language = languages.choose(request)
        request.api_language = language
        # A request that names a reader (an accredited journalist's token)
        # is answered for them alone: never from or into the shared cache.
        private = "HTTP_AUTHORIZATION" in request.META
        with translation.override(language.ui):
            if request.method not in SAFE_METHODS:
                response = _not_allowed()
            elif ratelimit.hit(
                RATE_SCOPE, ratelimit.client_address(request), settings.API_RATE_LIMIT
            ):
                response = _too_many()
            else:
                response = _read(request, language, view, args, kwargs, private=private)
        return _finish(response, language, private=private)

    # Nothing here writes or reads a cookie: no request needs a CSRF token.
    wrapper.csrf_exempt = True
    return wrapper


def _read(request, language, view, args, kwargs, *, private: bool) -> HttpResponse:
    head = request.method == "HEAD"
    if head:
        # The operations are declared for GET; HEAD is GET without the body.
        request.method = "GET"
    response = _cached(request, language, view, args, kwargs, private=private)
    if "ETag" in response:
        response = get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=getattr(response, "built_at", None),
            response=response,
        )
    if head and not response.streaming:
        length = len(response.content)
        response.content = b""
        response["Content-Length"] = str(length)
    return response


def _cached(request, language, view, args, kwargs, *, private: bool) -> HttpResponse:
    seconds = settings.API_CACHE_SECONDS
    key = _key(request, language) if seconds > 0 and not private else None
    entry = cache.get(key) if key else None
    if entry is None:
        response = view(request, *args, **kwargs)
        if not _storable(response):
            return response
        # A session's phase changes with the clock: the answer lasts until then.
        pagecache.fresh_until(response, min(getattr(request, "api_changes", None) or [None]))
        kept = pagecache.lifetime(response, seconds)
        entry = {
            "content": response.content,
            "status": response.status_code,
            "content_type": response["Content-Type"],
            "etag": f'"{hashlib.blake2b(response.content, digest_size=16).hexdigest()}"',
            "built_at": int(time.time()) if key else None,
            "expires": time.time() + kept,
        }
        if key and kept:
            cache.set(key, entry, kept)
    response = HttpResponse(
        entry["content"], status=entry["status"], content_type=entry["content_type"]
    )
    response["ETag"] = entry["etag"]
    response.max_age = max(0, min(seconds, math.ceil(entry["expires"] - time.time())))
    if entry["built_at"] is not None:
        # When the answer was built: true while the content version it was
        # built under holds, and a new version means a new entry.
        response["Last-Modified"] = http_date(entry["built_at"])
        response.built_at = entry["built_at"]
    return response


def _key(request: HttpRequest, language: languages.Language) -> str | None:
    pairs = sorted((name, value) for name, values in request.GET.lists() for value in values)
    if len(pairs) > MAX_QUERY_VALUES or any(len(value) > MAX_QUERY_VALUE for _n, value in pairs):
        return None
    parts = [
        str(pagecache.content_version()),
        language.content,
        language.ui,
        request.path,
        *(f"{name}={value}" for name, value in pairs),
    ]
    return "api:" + hashlib.blake2b("\n".join(parts).encode(), digest_size=20).hexdigest()


def _storable(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("application/json")
        and not response.cookies
    )


def _not_allowed() -> HttpResponse:
    response = json_error(405, _("The API only reads: send GET or HEAD requests."))
    response["Allow"] = ALLOWED_METHODS
    return response


def _too_many() -> HttpResponse:
    _limit, period = ratelimit.parse_rate(settings.API_RATE_LIMIT)
    # The window ratelimit counts in ends at the next multiple of its period.
    seconds = max(1, math.ceil(period - time.time() % period))
    response = json_error(
        429,
        ngettext(
            "Too many requests from your address: try again in %(seconds)s second.",
            "Too many requests from your address: try again in %(seconds)s seconds.",
            seconds,
        )
        % {"seconds": seconds},
    )
    response["Retry-After"] = str(seconds)
    return response


def _preflight() -> HttpResponse:
    response = HttpResponse(status=204)
    response["Allow"] = ALLOWED_METHODS
    response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
    response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    return response


def _shared(response: HttpResponse) -> HttpResponse:
    """Readable from scripts on any site: nothing here is personal."""
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    return response


def _finish(
    response: HttpResponse, language: languages.Language, *, private: bool = False
) -> HttpResponse:
    is_json = response.get("Content-Type", CONTENT_TYPE).startswith("application/json")
    response["Content-Language"] = language.header if is_json else language.ui
    patch_vary_headers(response, ["Accept-Language"])
    if is_json:
        # Other sites' pages may load it; the documentation page stays ours.
        response["Cross-Origin-Resource-Policy"] = "cross-origin"
    if private:
        patch_cache_control(response, private=True, no_store=True)
        patch_vary_headers(response, ["Authorization"])
    elif response.status_code in (200, 304):
        max_age = getattr(response, "max_age", settings.API_CACHE_SECONDS)
        patch_cache_control(response, public=True, max_age=max_age)
    else:
        patch_cache_control(response, no_store=True)
    return _shared(response)
