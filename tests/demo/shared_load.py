"""One demo load shared by the tests of a module that only read it, and
helpers the demo tests share.

`demo_loaded_once()` loads the demo inside a transaction of its own, which
the tests' transactions (pytest-django's, as in Django's TestCase) nest in as
savepoints, and rolls it back when the module is done: nothing is committed,
so no other module sees a demo row, on SQLite or PostgreSQL alike. Use it from
a module-scoped fixture in a module whose tests all read the load: a test
beside them that needs an empty database would see it.

The load draws its logo files into a folder of its own, while each test's
MEDIA_ROOT is a folder of that test (tests/conftest.py); a test that opens
the files loads the demo itself.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import transaction
from django.test import override_settings

from demo.loader import load_demo
from sessions.models import Session

RIYADH = ZoneInfo("Asia/Riyadh")

PRACTICE_SLUGS = [
    "practice-open-now",
    "practice-small-room",
    "practice-tomorrow",
    "practice-no-limit",
    "practice-ended",
]


def practice_sessions_by_slug() -> dict[str, Session]:
    return {s.slug: s for s in Session.objects.filter(summit__slug="practice")}


@contextmanager
def demo_loaded_once(django_db_blocker, media_root: Path) -> Iterator[None]:
    """The demo, loaded once for the block and rolled back after it."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(MEDIA_ROOT=media_root):
                load_demo()
        except BaseException as error:
            outer.__exit__(type(error), error, error.__traceback__)
            raise
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
