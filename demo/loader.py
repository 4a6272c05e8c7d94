"""The demo data of the whole site: each app's own loader (its `demo.py`), run
in the order the apps depend on one another, all or nothing.

Every loader is idempotent, so `load_demo()` is too. The practice edition is
the one part that moves: the core places its days and the agenda its sessions
around the same moment, `now`. Public content changes, so cached page
fragments are made stale once, at the end.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from media_contacts import demo as media_contacts_demo
from recommendations import demo as recommendations_demo
from sessions import demo as sessions_demo
from sessions.models import Session, Speaker
from u20 import demo as u20_demo
from u20 import pagecache
from u20.models import City, Organisation, Summit, SummitPartner, Theme


def load_demo(*, now: datetime | None = None) -> None:
    """Create or update every demo row, all or nothing. The practice
    edition and its sessions are placed around now (by default, this moment)."""
    now = now or timezone.now()
    with transaction.atomic():
        u20_demo.load(now=now)
        sessions_demo.load(now=now)
        recommendations_demo.load()
        media_contacts_demo.load(now=now)
        pagecache.content_changed()


def demo_counts() -> dict[str, int]:
    """How many rows of each kind the database holds, for the command's summary."""
    return {
        "summits": Summit.objects.count(),
        "sessions": Session.objects.count(),
        "cities": City.objects.count(),
        "themes": Theme.objects.count(),
        "organisations": Organisation.objects.count(),
        "partners": SummitPartner.objects.count(),
        "speakers": Speaker.objects.count(),
    }
