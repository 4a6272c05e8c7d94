"""Releases under embargo: who may read them, what every copy of one says
about it, and the log of each reading.

Visibility is computed from the clock (PressReleaseQuerySet.visible): an
accredited journalist sees a release from its publication time, everyone
else from the end of its embargo, and no job runs at either minute. Every
surface asks the same two questions, valid_for() and visible(), so a
release cannot leak through one of them. Each page, feed entry or API
answer that hands an accredited reader a release still under embargo
writes a line of EmbargoAccess.
"""

import zoneinfo
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from media_contacts.models import Accreditation, EmbargoAccess, PressRelease
from u20.models import Summit
from u20.times import moment_parts, reader_zone_label, reading, reading_text


def log_access(
    releases: Iterable[PressRelease],
    *,
    accreditation: Accreditation | None,
    via: str,
    now: datetime | None = None,
) -> int:
    """Record that accreditation's holder was handed releases: those still
    under embargo count, in one query. Returns how many were written."""
    if accreditation is None:
        return 0
    now = now or timezone.now()
    rows = [
        EmbargoAccess(release=release, accreditation=accreditation, at=now, via=via)
        for release in releases
        if release.is_embargoed_at(now)
    ]
    EmbargoAccess.objects.bulk_create(rows)
    return len(rows)


def press_summit() -> Summit | None:
    """The summit whose zone a release of no summit is dated in."""
    return Summit.objects.current().select_related("host_city").first()


def until_text(
    release: PressRelease,
    viewer_zone: zoneinfo.ZoneInfo | None = None,
    *,
    fallback: Summit | None = None,
) -> str:
    """When the embargo ends, in the summit's zone and the reader's beside
    it: "Thursday 3 December 2026, 09:00, Riyadh time, UTC+3 (…)". A release
    of no summit is dated in fallback's zone (press_summit()), else UTC."""
    moment = release.embargo_until
    summit = release.summit if release.summit_id else fallback
    if summit is None:
        zones = [zoneinfo.ZoneInfo("UTC")]
        if viewer_zone is not None and viewer_zone.key != "UTC":
            zones.append(viewer_zone)
        texts = [
            reading_text(reading(moment, z, reader_zone_label(z, moment), None)) for z in zones
        ]
        return texts[0] + (f" ({texts[1]})" if len(texts) > 1 else "")
    first, second = moment_parts(moment, summit, viewer_zone)
    text = reading_text(first)
    return f"{text} ({reading_text(second)})" if second else text


def notice(release: PressRelease, viewer_zone=None, *, fallback: Summit | None = None) -> str:
    """ "EMBARGOED UNTIL …", in the active language."""
    when = until_text(release, viewer_zone, fallback=fallback)
    return _("EMBARGOED UNTIL %(when)s") % {"when": when}


def notices(release: PressRelease, viewer_zone=None, *, fallback=None) -> list[dict]:
    """The notice in every language, the active one first: each embargoed
    page and email carries all of them, so a copy forwarded to a colleague
    who reads the other language says it too."""
    if fallback is None and not release.summit_id:
        fallback = press_summit()
    active = translation.get_language()
    codes = [active, *(code for code, _name in settings.LANGUAGES if code != active)]
    lines = []
    for code in codes:
        with translation.override(code):
            lines.append(
                {
                    "language": code,
                    "direction": "rtl" if translation.get_language_bidi() else "ltr",
                    "text": notice(release, viewer_zone, fallback=fallback),
                }
            )
    return lines
