"""The API's documentation page: Swagger UI from django-ninja's own static
files (no CDN), started by ninja's init script, a file of the same origin,
so the page needs no inline script under the site's Content Security
Policy. It is a page of the site, in its layout and language."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language_info
from ninja import Swagger

SWAGGER_SETTINGS = {
    "layout": "BaseLayout",
    "deepLinking": False,
    "docExpansion": "list",
    # Swagger UI would otherwise send the document to an outside validator.
    "validatorUrl": None,
}


class Docs(Swagger):
    template = "api/docs.html"

    def render_page(self, request: HttpRequest, api, **kwargs) -> HttpResponse:
        openapi_url = self.get_openapi_url(api, kwargs)
        context = {
            "api": api,
            "openapi_url": openapi_url,
            "swagger_settings": {**SWAGGER_SETTINGS, "url": openapi_url},
            # The page's language is its ?lang=, as for every API address.
            "language_links": [
                {
                    "code": code,
                    "name": get_language_info(code)["name_local"],
                    "url": f"{request.path}?lang={code}",
                }
                for code, _name in settings.LANGUAGES
            ],
        }
        return render(request, self.template, context)
