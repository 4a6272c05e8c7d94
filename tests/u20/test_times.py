from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.utils import translation

from u20.templatetags.summit import moment
from u20.times import day_bounds, group_by_day, parse_zone, zone_label
from u20.zones import utc_offset

UTC = ZoneInfo("UTC")


def test_utc_offset_whole_half_and_negative_hours():
    moment = datetime(2020, 9, 30, 12, 0, tzinfo=UTC)

    offsets = [
        utc_offset(moment, ZoneInfo(name))
        for name in ("Asia/Riyadh", "Asia/Kolkata", "America/New_York", "UTC")
    ]

    assert offsets == ["UTC+3", "UTC+5:30", "UTC-4", "UTC"]


def test_zone_label_names_the_host_city_in_the_active_language():
    summit = SimpleNamespace(
        zone=ZoneInfo("Asia/Riyadh"),
        host_city_id=1,
        host_city=SimpleNamespace(name="Riyadh"),
        time_zone="Asia/Riyadh",
    )

    with translation.override("en"):
        label = zone_label(summit, datetime(2020, 9, 30, 7, 0, tzinfo=UTC))

    assert label == "Riyadh time, UTC+3"


def test_group_by_day_puts_a_session_on_the_day_it_starts_for_the_reader():
    # 22:30-00:30 in Riyadh is 15:30-17:30 in New York and 04:30-06:30 next day in Tokyo.
    late = SimpleNamespace(pk=1, starts_at=datetime(2020, 9, 30, 19, 30, tzinfo=UTC))
    early = SimpleNamespace(pk=2, starts_at=datetime(2020, 9, 30, 6, 0, tzinfo=UTC))

    riyadh = group_by_day([late, early], ZoneInfo("Asia/Riyadh"))
    tokyo = group_by_day([late, early], ZoneInfo("Asia/Tokyo"))

    assert [(day.isoformat(), [s.pk for s in items]) for day, items in riyadh] == [
        ("2020-09-30", [2, 1])
    ]
    assert [(day.isoformat(), [s.pk for s in items]) for day, items in tokyo] == [
        ("2020-09-30", [2]),
        ("2020-10-01", [1]),
    ]


def test_day_bounds_are_midnights_of_the_zone():
    start, end = day_bounds(datetime(2020, 9, 30).date(), ZoneInfo("Asia/Riyadh"))

    assert (start.astimezone(UTC).isoformat(), end.astimezone(UTC).isoformat()) == (
        "2020-09-29T21:00:00+00:00",
        "2020-09-30T21:00:00+00:00",
    )


def test_parse_zone_refuses_unknown_names():
    assert [parse_zone(name) for name in ("Mars/Olympus", "", None, "../../etc/passwd")] == [
        None
    ] * 4
    assert parse_zone("Europe/Rome") == ZoneInfo("Europe/Rome")


RIYADH_SUMMIT = SimpleNamespace(
    zone=ZoneInfo("Asia/Riyadh"),
    host_city_id=1,
    host_city=SimpleNamespace(name="Riyadh"),
    time_zone="Asia/Riyadh",
)
# 01:00 on Wednesday in Riyadh is still Tuesday in UTC and in Los Angeles.
ONE_AM_RIYADH = datetime(2020, 9, 29, 22, 0, tzinfo=UTC)
SUMMIT_PART = (
    '<span class="moment"><bdi><time datetime="2020-09-29T22:00:00+00:00" data-local-start>'
    "Wednesday 30 September 2020, 01:00</time></bdi>, "
    '<span class="zone"><bdi>Riyadh time, UTC+3</bdi></span></span>'
)


def test_moment_dates_a_moment_in_the_summit_zone_with_its_label():
    with translation.override("en"):
        html = moment(ONE_AM_RIYADH, RIYADH_SUMMIT)

    assert html == SUMMIT_PART


def test_moment_leaves_out_a_reader_zone_that_is_the_summits():
    with translation.override("en"):
        html = moment(ONE_AM_RIYADH, RIYADH_SUMMIT, ZoneInfo("Asia/Riyadh"), reader_first=True)

    assert html == SUMMIT_PART


def test_moment_adds_the_reader_date_when_their_zone_differs():
    with translation.override("en"):
        html = moment(ONE_AM_RIYADH, RIYADH_SUMMIT, ZoneInfo("America/Los_Angeles"))

    assert html == (
        SUMMIT_PART + ' <span class="moment moment-other">(<bdi><bdi>'
        '<time datetime="2020-09-29T22:00:00+00:00" data-local-start>'
        "Tuesday 29 September 2020, 15:00</time>"
        '</bdi>, <span class="zone"><bdi>Los Angeles time, UTC-7</bdi></span></bdi>)'
        "</span>"
    )


def test_moment_puts_the_reader_first_in_arabic_when_asked():
    summit = SimpleNamespace(**{**vars(RIYADH_SUMMIT), "host_city": SimpleNamespace(name="الرياض")})

    with translation.override("ar"):
        html = moment(
            ONE_AM_RIYADH,
            summit,
            ZoneInfo("Asia/Tokyo"),
            end=datetime(2020, 9, 29, 23, 0, tzinfo=UTC),
            reader_first=True,
        )

    assert html == (
        '<span class="moment"><bdi><time datetime="2020-09-29T22:00:00+00:00" data-local-start>'
        "الأربعاء ٣٠ سبتمبر ٢٠٢٠ (١٣ صفر ١٤٤٢ هـ)، ٠٧:٠٠</time>–"
        '<time datetime="2020-09-29T23:00:00+00:00" data-local-end>٠٨:٠٠</time></bdi>، '
        '<span class="zone"><bdi>بتوقيت طوكيو، UTC+٩</bdi></span></span> '
        '<span class="moment moment-other">(<bdi><bdi>'
        '<time datetime="2020-09-29T22:00:00+00:00" data-local-start>'
        "الأربعاء ٣٠ سبتمبر ٢٠٢٠ (١٣ صفر ١٤٤٢ هـ)، ٠١:٠٠</time>–"
        '<time datetime="2020-09-29T23:00:00+00:00" data-local-end>٠٢:٠٠</time></bdi>، '
        '<span class="zone"><bdi>بتوقيت الرياض، UTC+٣</bdi></span></bdi>)</span>'
    )


def test_moment_leaves_a_slot_for_the_browser_zone_when_the_reader_zone_is_unknown():
    with translation.override("en"):
        html = moment(ONE_AM_RIYADH, RIYADH_SUMMIT, end=datetime(2020, 9, 29, 23, 0, tzinfo=UTC))

    assert html.endswith(
        '</span></span> <span class="time time-viewer" data-local-time'
        ' data-prefix="Your time: " hidden></span>'
    )
