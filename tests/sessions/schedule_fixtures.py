"""The summit and session the schedule export tests share (test_calendar,
test_frab, test_exports): a virtual summit with a bilingual session hosted by
a city and an organisation, with a keynote speaker and a theme."""

from datetime import datetime
from pathlib import Path

from lxml import etree

from tests.factories import (
    RIYADH,
    add_host,
    add_speaker,
    make_city,
    make_organisation,
    make_session,
    make_speaker,
    make_summit,
    make_theme,
)

SCHEMA_PATH = Path(__file__).with_name("frab-schedule.xsd")
SECRET = "https://meet.example.org/secret-room"


def make_schedule_summit():
    return make_summit(
        slug="u20-2020",
        name_en="U20 Mayors Summit 2020",
        name_ar="قمة عمداء مجموعة تواصل المجتمع الحضري 2020",
        year=2020,
        is_virtual=True,
    )


def make_schedule_session(summit):
    session = make_session(
        summit=summit,
        slug="cities-of-the-future",
        title_en="Cities of the Future: Post COVID-19",
        title_ar="مدن المستقبل: ما بعد كوفيد-19",
        description_en="How ready cities are for crises.",
        description_ar="مدى جاهزية المدن للأزمات.",
        starts_at=datetime(2020, 9, 30, 10, 0, tzinfo=RIYADH),
        ends_at=datetime(2020, 9, 30, 11, 30, tzinfo=RIYADH),
        kind="side_event",
    )
    add_host(session, make_city(name_en="Riyadh", name_ar="الرياض", slug="riyadh"), order=0)
    add_host(
        session,
        make_organisation(name_en="UN-Habitat", name_ar="موئل الأمم المتحدة", slug="un-habitat"),
        order=1,
    )
    add_speaker(
        session,
        make_speaker(
            name_en="Maimunah Mohd Sharif",
            name_ar="ميمونة محمد شريف",
            slug="maimunah-mohd-sharif",
            title_en="Executive Director",
            title_ar="المديرة التنفيذية",
            organisation=make_organisation(
                name_en="UN-Habitat Secretariat", name_ar="أمانة موئل الأمم المتحدة"
            ),
        ),
        role="keynote",
    )
    session.themes.add(
        make_theme(
            name_en="Inclusive Prosperous Communities",
            name_ar="مجتمعات مزدهرة وشاملة",
            slug="inclusive-communities",
        )
    )
    return session


def export_url(summit, name, lang="en"):
    return f"/{lang}/summits/{summit.slug}/agenda/{name}"


def frab_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))
