"""How every date and time is written: Arabic digits and commas on Arabic
pages, the Umm al-Qura date beside the Gregorian one where the summit asks
for it, and the summit's setting respected on every page kind."""

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.utils import translation

from tests.factories import make_session, make_summit
from tests.media_contacts.factories import make_release
from u20 import pagecache
from u20.models import HijriDates, Summit
from u20.times import as_written, day_text, hijri_date, moment_text, shows_hijri

SEPT_30 = date(2020, 9, 30)


class Setting:
    def __init__(self, hijri_dates):
        self.hijri_dates = hijri_dates


def test_arabic_writes_arabic_indic_digits_and_english_keeps_its_own():
    with translation.override("ar"):
        assert as_written("01:30, 2020") == "٠١:٣٠, ٢٠٢٠"
    with translation.override("en"):
        assert as_written("01:30, 2020") == "01:30, 2020"


def test_hijri_date_is_the_umm_al_qura_date_in_the_page_language():
    with translation.override("ar"):
        assert hijri_date(SEPT_30) == "13 صفر 1442 هـ"
    with translation.override("en"):
        assert hijri_date(SEPT_30) == "13 Safar 1442 AH"


def test_hijri_date_outside_the_umm_al_qura_tables_is_left_out():
    with translation.override("ar"):
        assert hijri_date(date(1900, 1, 1)) is None
        assert day_text(date(1900, 1, 1), Setting(HijriDates.ARABIC)) == "الاثنين ١ يناير ١٩٠٠"


@pytest.mark.parametrize(
    ("setting", "lang", "shown"),
    [
        (HijriDates.ARABIC, "ar", True),
        (HijriDates.ARABIC, "en", False),
        (HijriDates.BOTH, "en", True),
        (HijriDates.BOTH, "ar", True),
        (HijriDates.OFF, "ar", False),
        (HijriDates.OFF, "en", False),
    ],
)
def test_the_summit_setting_decides_where_hijri_dates_show(setting, lang, shown):
    with translation.override(lang):
        assert shows_hijri(Setting(setting)) is shown


def test_the_arabic_date_reads_as_an_arabic_editor_writes_it():
    with translation.override("ar"):
        assert day_text(SEPT_30, Setting(HijriDates.ARABIC)) == (
            "الأربعاء ٣٠ سبتمبر ٢٠٢٠ (١٣ صفر ١٤٤٢ هـ)"
        )
        moment = datetime(2020, 9, 30, 11, 0, tzinfo=UTC)
        assert moment_text(moment, Summit(time_zone="Asia/Riyadh").zone, None) == (
            "الأربعاء ٣٠ سبتمبر ٢٠٢٠ (١٣ صفر ١٤٤٢ هـ)، ١٤:٠٠"
        )


def test_an_english_date_opted_in_carries_the_hijri_date():
    with translation.override("en"):
        assert day_text(SEPT_30, Setting(HijriDates.BOTH)) == (
            "Wednesday 30 September 2020 (13 Safar 1442 AH)"
        )
        assert day_text(SEPT_30, Setting(HijriDates.ARABIC)) == "Wednesday 30 September 2020"


def test_a_datetime_is_dated_in_the_summit_zone():
    late = datetime(2020, 9, 30, 22, 30, tzinfo=UTC)  # 1 October, 01:30 in Riyadh
    with translation.override("en"):
        assert day_text(late, Summit(time_zone="Asia/Riyadh", hijri_dates="off")) == (
            "Thursday 1 October 2020"
        )


@pytest.mark.django_db
class TestPages:
    def summit(self, **fields):
        return make_summit(
            slug="riyadh-2020",
            start_date=SEPT_30,
            end_date=date(2020, 10, 2),
            is_current=True,
            **fields,
        )

    def test_arabic_summit_and_session_pages_carry_hijri_dates(self, client):
        summit = self.summit()
        session = make_session(summit=summit, starts_at=datetime(2020, 9, 30, 11, 0, tzinfo=UTC))

        summit_page = client.get(f"/ar/summits/{summit.slug}/").content.decode()
        session_page = client.get(f"/ar{session.get_absolute_url()[3:]}").content.decode()

        assert "٣٠ سبتمبر – ٢ أكتوبر ٢٠٢٠ (١٣ صفر ١٤٤٢ هـ – ١٥ صفر ١٤٤٢ هـ)" in summit_page
        assert "الأربعاء ٣٠ سبتمبر ٢٠٢٠ (١٣ صفر ١٤٤٢ هـ)، ١٤:٠٠" in session_page

    def test_english_pages_leave_hijri_out_unless_the_summit_opts_in(self, client):
        summit = self.summit()
        session = make_session(summit=summit, starts_at=datetime(2020, 9, 30, 11, 0, tzinfo=UTC))
        url = f"/en{session.get_absolute_url()[3:]}"

        assert "Safar" not in client.get(url).content.decode()

        Summit.objects.filter(pk=summit.pk).update(hijri_dates=HijriDates.BOTH)
        pagecache.content_changed()
        assert "Wednesday 30 September 2020 (13 Safar 1442 AH), 14:00" in (
            client.get(url).content.decode()
        )

    def test_a_summit_that_turns_hijri_off_shows_none_in_arabic(self, client):
        summit = self.summit(hijri_dates=HijriDates.OFF)
        session = make_session(summit=summit, starts_at=datetime(2020, 9, 30, 11, 0, tzinfo=UTC))

        for url in (f"/ar/summits/{summit.slug}/", f"/ar{session.get_absolute_url()[3:]}"):
            html = client.get(url).content.decode()
            assert "هـ" not in html, url
            assert "٢٠٢٠" in html

    def test_releases_are_dated_with_the_hijri_date_in_arabic(self, client):
        summit = self.summit()
        release = make_release(summit=summit, published_at=datetime(2020, 9, 30, 9, 0, tzinfo=UTC))

        newsroom = client.get("/ar/media/").content.decode()
        page = client.get(f"/ar{release.get_absolute_url()[3:]}").content.decode()

        for html in (newsroom, page):
            assert '<time datetime="2020-09-30">٣٠ سبتمبر ٢٠٢٠ (١٣ صفر ١٤٤٢ هـ)</time>' in html

    def test_the_agenda_day_headings_carry_the_hijri_date_in_arabic(self, client):
        summit = self.summit()
        make_session(summit=summit, starts_at=datetime(2020, 9, 30, 11, 0, tzinfo=UTC))

        html = client.get(f"/ar/summits/{summit.slug}/agenda/").content.decode()

        assert '<time datetime="2020-09-30">الأربعاء ٣٠ سبتمبر ٢٠٢٠ (١٣ صفر ١٤٤٢ هـ)</time>' in html


TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# Django's own filters and tags that format a date or a time.
FORMATTERS = re.compile(r"\|\s*(date|time|timesince|timeuntil|naturaltime|naturalday)\b|{%\s*now\b")


def test_no_template_formats_a_date_or_time_on_its_own():
    """Every date and time goes through {% moment %} or {% day %} (u20.times),
    so each says its zone and is written as the page's language writes it."""
    offenders = [
        f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()}"
        for path in sorted(TEMPLATES.rglob("*.html")) + sorted(TEMPLATES.rglob("*.txt"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if FORMATTERS.search(line)
    ]
    assert offenders == []
