"""Error pages in the visitor's language, from our own templates.

Django's defaults would do for 404 and 403; these exist so that each error
page carries the site's layout, language switcher and direction.
"""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def _error(request, status: int):
    return render(request, f"{status}.html", {"status": status}, status=status)


def bad_request(request, exception=None):
    return _error(request, 400)


def permission_denied(request, exception=None):
    return _error(request, 403)


def page_not_found(request, exception=None):
    return _error(request, 404)


def server_error(request):
    # Rendered without a request: nothing on this page may fail in turn.
    return HttpResponseServerError(loader.get_template("500.html").render())
