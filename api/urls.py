"""/api/v1/: the API's operations, its OpenAPI document (openapi.json) and
its documentation page (docs), each answered through api.http.endpoint; any
other address below it is a JSON 404."""

from django.http import Http404
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from api import errors
from api.http import endpoint
from api.views import api
from u20.links import absolute_url

patterns, _app, _namespace = api.urls


def _answered(pattern):
    if isinstance(pattern, URLPattern):
        return URLPattern(
            pattern.pattern, endpoint(pattern.callback), pattern.default_args, pattern.name
        )
    return pattern


def nowhere(request, rest: str):
    docs = absolute_url(reverse("api:openapi-view"))
    message = _("There is nothing at this address. The API’s operations are listed at %(docs)s.")
    return errors.not_found(request, Http404(message % {"docs": docs}))


app_name = "api"
urlpatterns = [
    *(_answered(pattern) for pattern in patterns),
    path("<path:rest>", endpoint(nowhere), name="nowhere"),
]
