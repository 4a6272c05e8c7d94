"""Who attended a session, by the summit's own rule.

Two things are known of a confirmed registrant: each click on the join link
inside the window (a Join, recorded by the join view), and the minutes the
meeting platform's report gives, once an organiser imports it. A summit
counts someone as attended either on a join click or any minutes at all
(AttendanceRule.JOINED), or only at its threshold of minutes
(AttendanceRule.MINUTES).
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from sessions.models import Join, Registration, Session
from u20.models import AttendanceRule, Summit


def attended_condition(summit: Summit) -> Q:
    """On Registration: a confirmed place that counts as attended at summit."""
    if summit.attendance_rule == AttendanceRule.MINUTES:
        counts = Q(minutes_attended__gte=summit.attendance_minutes)
    else:
        counts = Q(Exists(Join.objects.filter(registration=OuterRef("pk")))) | Q(
            minutes_attended__gt=0
        )
    return Q(status=Registration.Status.CONFIRMED) & counts


def attended(summit: Summit) -> QuerySet[Registration]:
    """The confirmed registrations of summit's sessions that count as attended."""
    return Registration.objects.filter(session__summit=summit).filter(attended_condition(summit))


def record_join(registration: Registration, *, channel: str) -> Join:
    return Join.objects.create(registration=registration, channel=channel, joined_at=timezone.now())


@dataclass(frozen=True)
class SessionAttendance:
    session: Session
    registered: int
    attended: int
    # (language, registered, attended) for each channel chosen.
    channels: list[tuple[str, int, int]]

    @property
    def no_shows(self) -> int:
        return self.registered - self.attended

    @property
    def no_show_rate(self) -> int | None:
        """Per cent of confirmed registrants who did not attend."""
        if not self.registered:
            return None
        return round(100 * self.no_shows / self.registered)


def _in_order(session: Session, languages) -> list[str]:
    """languages in the order the session offers them as channels; any it no
    longer offers last, by code."""
    offered = session.channel_choices()
    return sorted(
        languages,
        key=lambda code: (offered.index(code), "") if code in offered else (len(offered), code),
    )


def attendance_by_session(summit: Summit, sessions: QuerySet[Session]) -> list[SessionAttendance]:
    """Registered (confirmed) and attended, per session and per channel (the
    floor first, then the interpretation channels in their order), in two
    queries whatever the number of sessions."""
    sessions = list(sessions.with_offered_languages().order_by("starts_at", "pk"))
    rows = (
        Registration.objects.confirmed()
        .filter(session__in=sessions)
        .values("session", "channel")
        .annotate(
            registered=Count("pk"),
            attended=Count("pk", filter=attended_condition(summit)),
        )
        .order_by("session", "channel")
    )
    by_session: dict[int, list] = {}
    for row in rows:
        by_session.setdefault(row["session"], []).append(row)
    result = []
    for session in sessions:
        found = by_session.get(session.pk, [])
        channels: dict[str, list[int]] = {}
        for row in found:
            language = row["channel"] or session.floor_language
            counts = channels.setdefault(language, [0, 0])
            counts[0] += row["registered"]
            counts[1] += row["attended"]
        result.append(
            SessionAttendance(
                session=session,
                registered=sum(row["registered"] for row in found),
                attended=sum(row["attended"] for row in found),
                channels=[
                    (language, *channels[language]) for language in _in_order(session, channels)
                ],
            )
        )
    return result
