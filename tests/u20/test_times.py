from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.utils import translation

from u20.times import day_bounds, group_by_day, parse_zone, utc_offset, zone_label

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
