"""A session just after midnight and one just before it, summit time, carry
the right weekday and date everywhere a reader meets them: the agenda, the
confirmation email and the calendar file, for readers in the summit's zone,
in Tokyo and in Los Angeles, in both languages."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from sessions import services
from tests.factories import make_participant, make_session, make_summit
from u20.models import OutgoingEmail

pytestmark = pytest.mark.django_db

RIYADH = ZoneInfo("Asia/Riyadh")
TOKYO, LOS_ANGELES = "Asia/Tokyo", "America/Los_Angeles"


def session_at(hour, minute):
    summit = make_summit(year=2030, start_date=date(2030, 10, 1), end_date=date(2030, 10, 3))
    return make_session(summit=summit, starts_at=datetime(2030, 10, 2, hour, minute, tzinfo=RIYADH))


# (start in Riyadh, reader's zone, language) -> the reader's day and start time.
READER_DAY = {
    ((0, 30), None, "en"): ("Wednesday 2 October 2030", "00:30"),
    ((0, 30), TOKYO, "en"): ("Wednesday 2 October 2030", "06:30"),
    ((0, 30), LOS_ANGELES, "en"): ("Tuesday 1 October 2030", "14:30"),
    ((23, 30), None, "en"): ("Wednesday 2 October 2030", "23:30"),
    ((23, 30), TOKYO, "en"): ("Thursday 3 October 2030", "05:30"),
    ((23, 30), LOS_ANGELES, "en"): ("Wednesday 2 October 2030", "13:30"),
    ((0, 30), None, "ar"): ("الأربعاء ٢ أكتوبر ٢٠٣٠ (٤ جمادى الآخرة ١٤٥٢ هـ)", "٠٠:٣٠"),
    ((0, 30), TOKYO, "ar"): ("الأربعاء ٢ أكتوبر ٢٠٣٠ (٤ جمادى الآخرة ١٤٥٢ هـ)", "٠٦:٣٠"),
    ((0, 30), LOS_ANGELES, "ar"): ("الثلاثاء ١ أكتوبر ٢٠٣٠ (٣ جمادى الآخرة ١٤٥٢ هـ)", "١٤:٣٠"),
    ((23, 30), None, "ar"): ("الأربعاء ٢ أكتوبر ٢٠٣٠ (٤ جمادى الآخرة ١٤٥٢ هـ)", "٢٣:٣٠"),
    ((23, 30), TOKYO, "ar"): ("الخميس ٣ أكتوبر ٢٠٣٠ (٥ جمادى الآخرة ١٤٥٢ هـ)", "٠٥:٣٠"),
    ((23, 30), LOS_ANGELES, "ar"): ("الأربعاء ٢ أكتوبر ٢٠٣٠ (٤ جمادى الآخرة ١٤٥٢ هـ)", "١٣:٣٠"),
}
CASES = list(READER_DAY)


def visible(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


@pytest.mark.parametrize(("start", "zone", "lang"), CASES)
def test_agenda_puts_the_session_under_the_reader_day_at_the_reader_time(client, start, zone, lang):
    session = session_at(*start)
    query = f"?tz={zone}" if zone else ""

    html = client.get(f"/{lang}/summits/{session.summit.slug}/agenda/{query}").content.decode()

    day, clock = READER_DAY[(start, zone, lang)]
    section = re.search(r'<section class="day"[^>]*>(.*?)</section>', html, re.S).group(1)
    heading = visible(re.search(r"<h2[^>]*>(.*?)</h2>", section, re.S).group(1)).strip()
    row_time = re.search(r'<div class="session-time">(.*?)</div>', section, re.S).group(1)
    first_time = visible(row_time)
    assert heading == day
    assert first_time.strip().startswith(clock)


@pytest.mark.parametrize(("start", "zone", "lang"), CASES)
def test_confirmation_email_dates_the_session_in_the_reader_zone(start, zone, lang):
    session = session_at(*start)
    participant = make_participant(time_zone=zone or "Asia/Riyadh", language=lang)

    services.register(session=session, participant=participant)

    email = OutgoingEmail.objects.get(to=participant.user.email)
    day, clock = READER_DAY[(start, zone, lang)]
    first_when = next(line for line in email.body.splitlines() if day in line)
    assert f"{day}{'،' if lang == 'ar' else ','} {clock}" in first_when
    # The summit's own reading follows when the reader is elsewhere.
    summit_day, summit_clock = READER_DAY[(start, None, lang)]
    assert f"{summit_day}{'،' if lang == 'ar' else ','} {summit_clock}" in email.body
    if zone:
        assert email.body.index(day + ("،" if lang == "ar" else ",") + " " + clock) < (
            email.body.index(summit_day + ("،" if lang == "ar" else ",") + " " + summit_clock)
        )


@pytest.mark.parametrize("start", [(0, 30), (23, 30)])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_calendar_file_says_the_summit_day_and_starts_at_the_right_instant(client, start, lang):
    session = session_at(*start)

    response = client.get(f"/{lang}{session.get_absolute_url()[3:]}session.ics")

    event = icalendar.Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == session.starts_at
    day, clock = READER_DAY[(start, None, lang)]
    description = str(event["description"])
    assert description.startswith(f"{day}{'،' if lang == 'ar' else ','} {clock}")
    assert ("بتوقيت الرياض" if lang == "ar" else "Riyadh time") in description.splitlines()[0]


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "Days are grouped in your time zone, Tokyo time."),
        ("ar", "بتوقيت طوكيو"),
    ],
)
def test_agenda_names_the_reader_zone_as_people_know_it(client, lang, sentence):
    session = session_at(23, 30)

    html = client.get(f"/{lang}/summits/{session.summit.slug}/agenda/?tz={TOKYO}").content
    text = visible(html.decode())

    assert sentence in text
    assert "Asia/Tokyo" not in text
