"""Time zones by the names people know them by: the list, its labels in
both languages with the offset of the day, and the form field that offers it."""

import zoneinfo
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from u20.forms import ZoneField
from u20.zones import canonical_zone, zone_choices, zone_name

WINTER = date(2025, 1, 15)
SUMMER = date(2025, 7, 15)


def labels(language, on=WINTER):
    return dict(zone_choices(language, on))


def test_labels_name_the_city_and_offset_in_english():
    assert labels("en")["Asia/Dubai"] == "Dubai time (UTC+4)"


def test_labels_name_the_city_and_offset_in_arabic():
    assert labels("ar")["Asia/Dubai"] == "بتوقيت دبي (UTC+4)"


@pytest.mark.parametrize(
    ("language", "on", "key", "label"),
    [
        ("en", WINTER, "Asia/Tokyo", "Tokyo time (UTC+9)"),
        ("en", SUMMER, "Asia/Tokyo", "Tokyo time (UTC+9)"),
        ("en", WINTER, "America/Los_Angeles", "Los Angeles time (UTC-8)"),
        ("en", SUMMER, "America/Los_Angeles", "Los Angeles time (UTC-7)"),
        ("ar", WINTER, "Asia/Tokyo", "بتوقيت طوكيو (UTC+9)"),
        ("ar", SUMMER, "America/Los_Angeles", "بتوقيت لوس انجلوس (UTC-7)"),
        ("en", WINTER, "Asia/Kolkata", "Kolkata time (UTC+5:30)"),
    ],
)
def test_the_offset_is_the_one_the_zone_has_that_day(language, on, key, label):
    assert labels(language, on)[key] == label


def test_utc_is_listed_by_its_name_in_both_languages():
    assert (labels("en")["UTC"], labels("ar")["UTC"]) == (
        "Coordinated Universal Time (UTC)",
        "التوقيت العالمي المنسق (UTC)",
    )


def test_legacy_aliases_are_left_out():
    keys = {key for key, _label in zone_choices("en", WINTER)}

    found = keys & {
        "US/Eastern",
        "Asia/Calcutta",
        "Europe/Kiev",
        "Etc/GMT+3",
        "Etc/UTC",
        "GMT",
        "EST5EDT",
        "Japan",
    }
    assert (found, len(keys) == len(set(keys))) == (set(), True)
    assert {"Asia/Riyadh", "Asia/Kolkata", "Europe/Kyiv", "America/New_York"} <= keys
    assert keys <= zoneinfo.available_timezones()


def test_the_list_is_sorted_by_offset_then_label():
    choices = zone_choices("en", WINTER)
    keys = [key for key, _label in choices]

    assert (keys[0], keys[-1]) == ("Pacific/Midway", "Pacific/Kiritimati")
    assert keys.index("America/Los_Angeles") < keys.index("UTC") < keys.index("Asia/Tokyo")
    riyadh_time = [label for _key, label in choices if label.endswith("(UTC+3)")]
    assert riyadh_time == sorted(riyadh_time, key=str.casefold)


def test_the_list_is_built_once_per_language_and_day():
    first = zone_choices("en", WINTER)

    again = zone_choices("en", WINTER)
    other_day = zone_choices("en", SUMMER)

    assert again == first
    assert all(a is b for a, b in zip(again, first, strict=True))
    assert other_day[0] is not first[0]
    # A caller changing its copy changes nobody else's.
    again.clear()
    assert zone_choices("en", WINTER) == first


@pytest.mark.parametrize(
    ("key", "language", "name"),
    [
        ("Asia/Dubai", "en", "Dubai time"),
        ("Asia/Dubai", "ar", "بتوقيت دبي"),
        ("Asia/Calcutta", "en", "Kolkata time"),
        ("UTC", "ar", "التوقيت العالمي المنسق"),
        ("Etc/GMT+3", "en", "Etc/GMT+3"),
    ],
)
def test_zone_name(key, language, name):
    assert zone_name(key, language) == name


@pytest.mark.parametrize(
    ("key", "canonical"),
    [
        ("Asia/Calcutta", "Asia/Kolkata"),
        ("US/Eastern", "America/New_York"),
        ("Etc/UTC", "UTC"),
        ("GMT", "UTC"),
        ("Asia/Riyadh", "Asia/Riyadh"),
        ("Etc/GMT+3", "Etc/GMT+3"),
        ("Mars/Olympus", "Mars/Olympus"),
    ],
)
def test_canonical_zone_reads_an_alias_as_its_zone(key, canonical):
    assert canonical_zone(key) == canonical


def test_field_offers_the_list_in_the_language_active_when_rendered():
    field = ZoneField()

    with translation.override("ar"):
        arabic = dict(field.choices)
    with translation.override("en"):
        english = dict(field.choices)

    assert (arabic["Asia/Dubai"][:10], english["Asia/Dubai"][:10]) == ("بتوقيت دبي", "Dubai time")


@pytest.mark.parametrize(
    ("typed", "cleaned"),
    [("Asia/Tokyo", "Asia/Tokyo"), ("Asia/Calcutta", "Asia/Kolkata"), ("UTC", "UTC")],
)
def test_field_accepts_a_listed_zone_or_an_alias(typed, cleaned):
    assert ZoneField().clean(typed) == cleaned


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Choose a time zone from the list."), ("ar", "اختر منطقة زمنية من القائمة.")],
)
@pytest.mark.parametrize("typed", ["Mars/Olympus", "Etc/GMT+3", "x" * 500])
def test_field_refuses_a_zone_not_in_the_list(language, message, typed):
    with translation.override(language):
        with pytest.raises(ValidationError) as error:
            ZoneField().clean(typed)
        messages = error.value.messages

    assert messages == [message]


def test_select_keeps_a_legacy_zone_on_show_and_maps_an_alias():
    field = ZoneField()

    legacy = field.widget.render("time_zone", field.prepare_value("Etc/GMT+3"))
    alias = field.widget.render("time_zone", field.prepare_value("Asia/Calcutta"))

    assert '<option value="Etc/GMT+3" selected>Etc/GMT+3 (UTC-3)</option>' in legacy
    assert '<option value="Asia/Kolkata" selected>' in alias
    assert "Asia/Calcutta" not in alias
