"""Where a session stands, computed from its times and the clock alone.

    upcoming ──(join window opens)──> joinable ──(start)──> live ──(end)──> ended
                 (confirmed registrants only)                               │
                                                    (a recording is added)  └──> recording

Nothing is stored and no job runs at a boundary: every page, the agenda's
"live now" marks and the state the session page's script polls for read
the phase from here, and a cached page expires at the next boundary
(next_change), so that no reader sees a phase that has passed.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import ngettext, pgettext_lazy


class Phase(models.TextChoices):
    UPCOMING = "upcoming", pgettext_lazy("session phase", "Upcoming")
    JOINABLE = "joinable", pgettext_lazy("session phase", "Open to join")
    LIVE = "live", pgettext_lazy("session phase", "Live now")
    ENDED = "ended", pgettext_lazy("session phase", "Ended, recording to follow")
    RECORDING = "recording", pgettext_lazy("session phase", "Recording available")
    CANCELLED = "cancelled", pgettext_lazy("session status", "Cancelled")


@dataclass(frozen=True)
class Lifecycle:
    phase: Phase
    # When the join link appears for confirmed registrants.
    opens: datetime
    starts: datetime
    ends: datetime
    # The next time the phase can change for this reader, if it can.
    next_change: datetime | None

    @property
    def label(self) -> str:
        return str(self.phase.label)

    @property
    def has_ended(self) -> bool:
        return self.phase in (Phase.ENDED, Phase.RECORDING)


def join_opens(starts_at: datetime) -> datetime:
    return starts_at - timedelta(minutes=settings.JOIN_WINDOW_MINUTES)


def lifecycle(
    session,
    *,
    now: datetime | None = None,
    confirmed: bool = False,
    has_recording: bool | None = None,
) -> Lifecycle:
    """The phase of session at now for a reader: confirmed says whether they
    hold a confirmed place (only they see it as joinable before the start);
    has_recording whether a recording is out (read from the session's
    recordings unless told)."""
    now = now or timezone.now()
    opens, starts, ends = join_opens(session.starts_at), session.starts_at, session.ends_at
    if session.is_cancelled:
        return Lifecycle(Phase.CANCELLED, opens, starts, ends, None)
    if now < starts:
        if confirmed and now >= opens:
            return Lifecycle(Phase.JOINABLE, opens, starts, ends, starts)
        return Lifecycle(Phase.UPCOMING, opens, starts, ends, opens if confirmed else starts)
    if now < ends:
        return Lifecycle(Phase.LIVE, opens, starts, ends, ends)
    if has_recording is None:
        has_recording = bool(session.recordings.all())
    return Lifecycle(Phase.RECORDING if has_recording else Phase.ENDED, opens, starts, ends, None)


def public_phase(session, now: datetime) -> Phase:
    """The phase anyone sees, registered or not (never joinable)."""
    return lifecycle(session, now=now).phase


def is_live(session, now: datetime) -> bool:
    return not session.is_cancelled and session.starts_at <= now < session.ends_at


def next_change(sessions, now: datetime) -> datetime | None:
    """The first start or end after now among sessions: when a list marking
    the ones live stops being right."""
    times = [
        moment
        for session in sessions
        if not session.is_cancelled
        for moment in (session.starts_at, session.ends_at)
        if moment > now
    ]
    return min(times, default=None)


def days_change_at(days, now: datetime | None = None) -> datetime | None:
    """next_change of the sessions of an agenda's (day, sessions) groups."""
    return next_change(
        (session for _day, sessions in days for session in sessions), now or timezone.now()
    )


def starts_in(starts: datetime, now: datetime) -> str:
    """ "in 3 days", "in 2 hours", "in 5 minutes": how far off a start is,
    in the active language."""
    seconds = max(int((starts - now).total_seconds()), 0)
    if seconds >= 2 * 86400:
        days = seconds // 86400
        return ngettext("in %(count)s day", "in %(count)s days", days) % {"count": days}
    if seconds >= 3600:
        hours = seconds // 3600
        return ngettext("in %(count)s hour", "in %(count)s hours", hours) % {"count": hours}
    minutes = max(seconds // 60, 1)
    return ngettext("in %(count)s minute", "in %(count)s minutes", minutes) % {"count": minutes}
