"""Issue 10: every date on the session page, the join-window sentence and
/me/ is the right one for the reader, and names its zone."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from sessions import services
from tests.factories import make_participant, make_session, make_summit

pytestmark = pytest.mark.django_db

RIYADH = ZoneInfo("Asia/Riyadh")
JOIN = "https://meet.example.org/u20-room"


def text(html: str, pattern: str) -> str:
    """The visible text of the first element matching pattern, tags removed."""
    match = re.search(pattern, html, re.S)
    assert match is not None
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", match.group(1))).strip()


def when(html: str) -> str:
    return text(html, r'<p class="when">(.*?)</p>')


def page(client, session, lang, query=""):
    return client.get(f"/{lang}{session.get_absolute_url()[3:]}{query}").content.decode()


def future_session(hour, minute):
    summit = make_summit(year=2030, start_date=date(2030, 10, 1), end_date=date(2030, 10, 3))
    return make_session(
        summit=summit,
        starts_at=datetime(2030, 10, 2, hour, minute, tzinfo=RIYADH),
        join_url=JOIN,
    )


EARLY = {
    ("en", None): "Wednesday 2 October 2030, 00:30–01:30, Riyadh time, UTC+3",
    ("en", "Asia/Tokyo"): "Wednesday 2 October 2030, 00:30–01:30, Riyadh time, UTC+3"
    " (Wednesday 2 October 2030, 06:30–07:30, Tokyo time, UTC+9)",
    ("en", "America/Los_Angeles"): "Wednesday 2 October 2030, 00:30–01:30, Riyadh time, UTC+3"
    " (Tuesday 1 October 2030, 14:30–15:30, Los Angeles time, UTC-7)",
    ("ar", None): "الأربعاء ٢ أكتوبر ٢٠٣٠ (٤ جمادى الآخرة ١٤٥٢ هـ)، ٠٠:٣٠–٠١:٣٠، بتوقيت الرياض، "
    "UTC+٣",
    ("ar", "Asia/Tokyo"): "الأربعاء ٢ أكتوبر ٢٠٣٠ (٤ جمادى الآخرة ١٤٥٢ هـ)، ٠٠:٣٠–٠١:٣٠، بتوقيت "
    "الرياض، UTC+٣"
    " (الأربعاء ٢ أكتوبر ٢٠٣٠ (٤ جمادى الآخرة ١٤٥٢ هـ)، ٠٦:٣٠–٠٧:٣٠، بتوقيت طوكيو، UTC+٩)",
    ("ar", "America/Los_Angeles"): "الأربعاء ٢ أكتوبر ٢٠٣٠ (٤ جمادى الآخرة ١٤٥٢ هـ)، ٠٠:٣٠–٠١:٣٠، "
    "بتوقيت الرياض، UTC+٣"
    " (الثلاثاء ١ أكتوبر ٢٠٣٠ (٣ جمادى الآخرة ١٤٥٢ هـ)، ١٤:٣٠–١٥:٣٠، بتوقيت لوس انجلوس، UTC-٧)",
}
LATE = {
    ("en", None): "Wednesday 2 October 2030, 23:30–00:30 (next day), Riyadh time, UTC+3",
    ("en", "Asia/Tokyo"): "Wednesday 2 October 2030, 23:30–00:30 (next day), Riyadh time, UTC+3"
    " (Thursday 3 October 2030, 05:30–06:30, Tokyo time, UTC+9)",
    ("en", "America/Los_Angeles"): "Wednesday 2 October 2030, 23:30–00:30 (next day),"
    " Riyadh time, UTC+3 (Wednesday 2 October 2030, 13:30–14:30,"
    " Los Angeles time, UTC-7)",
    ("ar", "America/Los_Angeles"): "الأربعاء ٢ أكتوبر ٢٠٣٠ (٤ جمادى الآخرة ١٤٥٢ هـ)، ٢٣:٣٠–٠٠:٣٠ "
    "(اليوم التالي)،"
    " بتوقيت الرياض، UTC+٣ (الأربعاء ٢ أكتوبر ٢٠٣٠ (٤ جمادى الآخرة ١٤٥٢ هـ)، ١٣:٣٠–١٤:٣٠، بتوقيت "
    "لوس انجلوس،"
    " UTC-٧)",
}


@pytest.mark.parametrize(("lang", "zone"), list(EARLY))
def test_session_page_dates_an_early_session_in_the_summit_and_reader_zones(client, lang, zone):
    session = future_session(0, 30)

    html = page(client, session, lang, f"?tz={zone}" if zone else "")

    assert when(html) == EARLY[(lang, zone)]


@pytest.mark.parametrize(("lang", "zone"), list(LATE))
def test_session_page_dates_a_late_session_for_a_participant_in_their_zone(client, lang, zone):
    session = future_session(23, 30)
    if zone:
        client.force_login(make_participant(time_zone=zone).user)

    assert when(page(client, session, lang)) == LATE[(lang, zone)]


def test_session_page_gives_the_start_as_a_machine_readable_time(client):
    session = future_session(0, 30)

    html = page(client, session, "ar")

    assert re.findall(r'<p class="when">.*?<time datetime="([^"]+)"', html) == [
        "2030-10-01T21:30:00+00:00"
    ]


JOIN_SENTENCES = {
    ("en", "Asia/Riyadh"): "The join link appears here from Wednesday 2 October 2030, 00:15,"
    " Riyadh time, UTC+3.",
    ("en", "Asia/Tokyo"): "The join link appears here from Wednesday 2 October 2030, 06:15,"
    " Tokyo time, UTC+9 (Wednesday 2 October 2030, 00:15, Riyadh time, UTC+3).",
    ("en", "America/Los_Angeles"): "The join link appears here from Tuesday 1 October 2030,"
    " 14:15, Los Angeles time, UTC-7 (Wednesday 2 October 2030, 00:15, Riyadh time,"
    " UTC+3).",
    ("ar", "America/Los_Angeles"): "يظهر رابط الانضمام هنا ابتداءً من الثلاثاء ١ أكتوبر ٢٠٣٠ (٣ "
    "جمادى الآخرة ١٤٥٢ هـ)،"
    " ١٤:١٥، بتوقيت لوس انجلوس، UTC-٧ (الأربعاء ٢ أكتوبر ٢٠٣٠ (٤ جمادى الآخرة ١٤٥٢ هـ)، ٠٠:١٥، "
    "بتوقيت"
    " الرياض، UTC+٣).",
}


@pytest.mark.parametrize(("lang", "zone"), list(JOIN_SENTENCES))
def test_join_window_sentence_is_in_the_registrant_zone(client, lang, zone):
    session = future_session(0, 30)
    participant = make_participant(time_zone=zone)
    services.register(session=session, participant=participant)
    client.force_login(participant.user)

    html = page(client, session, lang)

    sentence = text(html, r'<p class="join-opens">(.*?)</p>')
    assert sentence == JOIN_SENTENCES[(lang, zone)]


# Under the day heading (the attendee's own day), each place gives its time;
# the summit's reading beside it is dated when it falls on another day.
ME = {
    ("en", "Asia/Tokyo"): (
        "Thursday 3 October 2030",
        "05:30–06:30, Tokyo time, UTC+9"
        " (Wednesday 2 October 2030, 23:30–00:30 (next day), Riyadh time, UTC+3)",
    ),
    ("ar", "Asia/Tokyo"): (
        "الخميس ٣ أكتوبر ٢٠٣٠ (٥ جمادى الآخرة ١٤٥٢ هـ)",
        "٠٥:٣٠–٠٦:٣٠، بتوقيت طوكيو، UTC+٩ (الأربعاء ٢ أكتوبر ٢٠٣٠ (٤ جمادى الآخرة ١٤٥٢ هـ)،"
        " ٢٣:٣٠–٠٠:٣٠ (اليوم التالي)، بتوقيت الرياض، UTC+٣)",
    ),
    ("en", "America/Los_Angeles"): (
        "Wednesday 2 October 2030",
        "13:30–14:30, Los Angeles time, UTC-7 (23:30–00:30 (next day), Riyadh time, UTC+3)",
    ),
}


@pytest.mark.parametrize(("lang", "zone"), list(ME))
def test_me_page_dates_each_place_in_the_attendee_zone_first(client, lang, zone):
    session = future_session(23, 30)
    participant = make_participant(time_zone=zone)
    services.register(session=session, participant=participant)
    client.force_login(participant.user)

    html = client.get(f"/{lang}/me/").content.decode()

    day = text(html, r'<section class="day"[^>]*>\s*<h2[^>]*>(.*?)</h2>')
    first_place = text(html, r'<ul class="cards registrations">.*?</h3>.*?</p>\s*<p>(.*?)</p>')
    assert (day, first_place) == ME[(lang, zone)]
