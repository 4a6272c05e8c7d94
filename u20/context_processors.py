from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language_info

from u20.models import Summit


def site(request):
    """Links to this same page in each language, for the switcher."""
    path = request.get_full_path()
    return {
        "language_links": [
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": translate_url(path, code),
            }
            for code, _name in settings.LANGUAGES
        ],
    }


def _current_summit() -> Summit | None:
    # The whole menu costs this one query.
    return Summit.objects.current().for_navigation().first()


def menu(request):
    """The summit whose sections the main menu links to, for pages that have
    none of their own (base.html prefers the page's `summit`). Lazy: a page
    with a summit never evaluates it, so it makes no query."""
    return {"menu_summit": SimpleLazyObject(_current_summit)}
