"""Demo data: the U20 editions of 2018-2020 in English and Arabic, a practice
edition of sample sessions for trying registration, and the function that
loads them.

The data are plain structures (dicts keyed by model field names, with other
rows referred to by slug), so a new edition or kind of content is a new list
plus, if needed, one more step in `load_demo()`. Every text here is written for
the demo; the facts come from ../shared/seed/FACTS.md.

Loading is idempotent: rows are matched on their slug (or natural key for
through rows) and updated in place; the hosts, speakers, themes and partners of
a demo session or summit are set to exactly what the data say. A logo is drawn
only for an organisation that has none yet, so re-running adds no files.

The practice edition ("practice", never current) is the exception to fixed
data: its sessions are timed from the moment the loader runs, so each run
moves them; updating them in place keeps the registrations people made.
Registrations, users and emails are never demo data.
"""

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from media_contacts import demo as media_contacts_demo
from recommendations import demo as recommendations_demo
from sessions.models import Session, SessionHost, SessionSpeaker, Speaker
from u20.images import refresh_thumbnails
from u20.models import City, Organisation, Summit, SummitPartner, Theme

RIYADH = ZoneInfo("Asia/Riyadh")
LOGO_SIZE = 256

G20 = City.Membership.G20
OBSERVER = City.Membership.OBSERVER

# Country names, shared by the cities below: (English, Arabic).
_COUNTRIES = {
    "AR": ("Argentina", "الأرجنتين"),
    "AU": ("Australia", "أستراليا"),
    "BE": ("Belgium", "بلجيكا"),
    "BR": ("Brazil", "البرازيل"),
    "CA": ("Canada", "كندا"),
    "DE": ("Germany", "ألمانيا"),
    "ES": ("Spain", "إسبانيا"),
    "FI": ("Finland", "فنلندا"),
    "FR": ("France", "فرنسا"),
    "GB": ("United Kingdom", "المملكة المتحدة"),
    "ID": ("Indonesia", "إندونيسيا"),
    "IT": ("Italy", "إيطاليا"),
    "JP": ("Japan", "اليابان"),
    "KR": ("Republic of Korea", "جمهورية كوريا"),
    "MX": ("Mexico", "المكسيك"),
    "NL": ("Netherlands", "هولندا"),
    "NZ": ("New Zealand", "نيوزيلندا"),
    "SA": ("Saudi Arabia", "المملكة العربية السعودية"),
    "TR": ("Türkiye", "تركيا"),
    "US": ("United States", "الولايات المتحدة الأمريكية"),
    "VU": ("Vanuatu", "فانواتو"),
    "ZA": ("South Africa", "جنوب أفريقيا"),
}

# Spain is a permanent guest of the G20, not a member: its cities are observers,
# as are those of the Netherlands, Belgium, Finland, New Zealand and Vanuatu.
_CITY_ROWS = [
    # slug, English name, Arabic name, country, membership
    ("riyadh", "Riyadh", "الرياض", "SA", G20),
    ("buenos-aires", "Buenos Aires", "بوينس آيرس", "AR", G20),
    ("tokyo", "Tokyo", "طوكيو", "JP", G20),
    ("montreal", "Montreal", "مونتريال", "CA", G20),
    ("izmir", "Izmir", "إزمير", "TR", G20),
    ("rome", "Rome", "روما", "IT", G20),
    ("milan", "Milan", "ميلانو", "IT", G20),
    ("houston", "Houston", "هيوستن", "US", G20),
    ("amsterdam", "Amsterdam", "أمستردام", "NL", OBSERVER),
    ("barcelona", "Barcelona", "برشلونة", "ES", OBSERVER),
    ("berlin", "Berlin", "برلين", "DE", G20),
    ("brussels", "Brussels", "بروكسل", "BE", OBSERVER),
    ("chicago", "Chicago", "شيكاغو", "US", G20),
    ("christchurch", "Christchurch", "كرايستشيرش", "NZ", OBSERVER),
    ("durban", "Durban", "ديربان", "ZA", G20),
    ("hamburg", "Hamburg", "هامبورغ", "DE", G20),
    ("helsinki", "Helsinki", "هلسنكي", "FI", OBSERVER),
    ("jakarta", "Jakarta", "جاكرتا", "ID", G20),
    ("johannesburg", "Johannesburg", "جوهانسبرغ", "ZA", G20),
    ("london", "London", "لندن", "GB", G20),
    ("los-angeles", "Los Angeles", "لوس أنجلوس", "US", G20),
    ("madrid", "Madrid", "مدريد", "ES", OBSERVER),
    ("mexico-city", "Mexico City", "مدينة مكسيكو", "MX", G20),
    ("new-york", "New York", "نيويورك", "US", G20),
    ("osaka", "Osaka", "أوساكا", "JP", G20),
    ("paris", "Paris", "باريس", "FR", G20),
    ("port-vila", "Port Vila", "بورت فيلا", "VU", OBSERVER),
    ("rio-de-janeiro", "Rio de Janeiro", "ريو دي جانيرو", "BR", G20),
    ("rotterdam", "Rotterdam", "روتردام", "NL", OBSERVER),
    ("sao-paulo", "São Paulo", "ساو باولو", "BR", G20),
    ("seoul", "Seoul", "سول", "KR", G20),
    ("sydney", "Sydney", "سيدني", "AU", G20),
    ("tshwane", "Tshwane", "تشواني", "ZA", G20),
]

CITIES = [
    {
        "slug": slug,
        "name_en": name_en,
        "name_ar": name_ar,
        "country_en": _COUNTRIES[country][0],
        "country_ar": _COUNTRIES[country][1],
        "membership": membership,
    }
    for slug, name_en, name_ar, country, membership in _CITY_ROWS
]

THEMES = [
    {
        "slug": "inclusive-prosperous-communities",
        "name_en": "Inclusive Prosperous Communities",
        "name_ar": "مجتمعات شاملة ومزدهرة",
        "description_en": (
            "Cities that share the gains of growth with every resident: decent work, "
            "affordable homes and public services that reach everyone, above all the people "
            "the pandemic hit hardest."
        ),
        "description_ar": (
            "مدن تتقاسم ثمار النمو مع جميع سكانها، من خلال فرص عمل لائقة ومساكن ميسورة "
            "التكلفة وخدمات عامة تصل إلى الجميع، ولا سيما الفئات الأكثر تضررا من الجائحة."
        ),
    },
    {
        "slug": "circular-carbon-neutral-economies",
        "name_en": "Circular, Carbon-neutral Economies",
        "name_ar": "اقتصادات دائرية محايدة كربونيا",
        "description_en": (
            "Cutting the emissions of energy, buildings, transport and waste, and keeping "
            "materials in use for longer, so that cities can grow without deepening the "
            "climate crisis."
        ),
        "description_ar": (
            "خفض الانبعاثات الناتجة عن الطاقة والمباني والنقل والنفايات، وإطالة عمر الموارد "
            "والمواد، كي تنمو المدن دون أن تزيد أزمة المناخ حدة."
        ),
    },
    {
        "slug": "nature-based-urban-solutions",
        "name_en": "Nature-based Urban Solutions",
        "name_ar": "حلول حضرية قائمة على الطبيعة",
        "description_en": (
            "Parks, trees, wetlands and green corridors treated as part of a city's "
            "infrastructure: they cool the streets, soak up floodwater, clean the air and "
            "improve residents' health."
        ),
        "description_ar": (
            "التعامل مع الحدائق والأشجار والأراضي الرطبة والممرات الخضراء بوصفها جزءا من "
            "البنية التحتية للمدينة، فهي تخفف حرارة الشوارع وتحد من أخطار السيول وتنقي "
            "الهواء وترتقي بصحة السكان."
        ),
    },
]

_KIND = Organisation.Kind

# `mark` is what the generated logo shows: the acronym or the name's initials.
ORGANISATIONS = [
    {
        "slug": "c40",
        "name_en": "C40 Cities",
        "name_ar": "مجموعة المدن الأربعين C40",
        "acronym_en": "C40",
        "acronym_ar": "C40",
        "kind": _KIND.CITY_NETWORK,
        "website": "https://www.c40.org/",
        "mark": "C40",
        "colour": "#0B6E4F",
    },
    {
        "slug": "uclg",
        "name_en": "United Cities and Local Governments",
        "name_ar": "منظمة المدن المتحدة والحكومات المحلية",
        "acronym_en": "UCLG",
        "acronym_ar": "UCLG",
        "kind": _KIND.CITY_NETWORK,
        "website": "https://www.uclg.org/",
        "mark": "UCLG",
        "colour": "#C0392B",
    },
    {
        "slug": "rcrc",
        "name_en": "Royal Commission for Riyadh City",
        "name_ar": "الهيئة الملكية لمدينة الرياض",
        "acronym_en": "RCRC",
        "acronym_ar": "RCRC",
        "kind": _KIND.GOVERNMENT,
        "website": "https://www.rcrc.gov.sa/",
        "mark": "RCRC",
        "colour": "#1F5F3F",
    },
    {
        "slug": "iclei",
        "name_en": "ICLEI – Local Governments for Sustainability",
        "name_ar": "إيكلي – الحكومات المحلية من أجل الاستدامة",
        "acronym_en": "ICLEI",
        "acronym_ar": "ICLEI",
        "kind": _KIND.CITY_NETWORK,
        "website": "https://iclei.org/",
        "mark": "ICLEI",
        "colour": "#2E7D32",
    },
    {
        "slug": "world-economic-forum",
        "name_en": "World Economic Forum",
        "name_ar": "المنتدى الاقتصادي العالمي",
        "acronym_en": "WEF",
        "acronym_ar": "WEF",
        "kind": _KIND.INTERNATIONAL,
        "website": "https://www.weforum.org/",
        "mark": "WEF",
        "colour": "#1A4F8B",
    },
    {
        "slug": "un-habitat",
        "name_en": "United Nations Human Settlements Programme",
        "name_ar": "برنامج الأمم المتحدة للمستوطنات البشرية",
        "acronym_en": "UN-Habitat",
        "acronym_ar": "موئل الأمم المتحدة",
        "kind": _KIND.INTERNATIONAL,
        "website": "https://unhabitat.org/",
        "mark": "UNH",
        "colour": "#1B75BB",
    },
    {
        "slug": "global-smart-cities-alliance",
        "name_en": "G20 Global Smart Cities Alliance",
        "name_ar": "تحالف مجموعة العشرين العالمي للمدن الذكية",
        "acronym_en": "",
        "acronym_ar": "",
        "kind": _KIND.INTERNATIONAL,
        "website": "https://globalsmartcitiesalliance.org/",
        "mark": "GSCA",
        "colour": "#5E35B1",
    },
    {
        "slug": "world-enabled",
        "name_en": "World Enabled",
        "name_ar": "منظمة التمكين العالمي",
        "acronym_en": "",
        "acronym_ar": "",
        "kind": _KIND.NON_PROFIT,
        "website": "https://worldenabled.org/",
        "mark": "WE",
        "colour": "#00838F",
    },
    {
        "slug": "g3ict",
        "name_en": "G3ict – Global Initiative for Inclusive ICTs",
        "name_ar": "المبادرة العالمية لتقنيات المعلومات والاتصالات الشاملة G3ict",
        "acronym_en": "G3ict",
        "acronym_ar": "G3ict",
        "kind": _KIND.NON_PROFIT,
        "website": "https://g3ict.org/",
        "mark": "G3ICT",
        "colour": "#6D4C41",
    },
    {
        "slug": "metropolis",
        "name_en": "Metropolis – World Association of the Major Metropolises",
        "name_ar": "متروبوليس – الرابطة العالمية للمدن الكبرى",
        "acronym_en": "",
        "acronym_ar": "",
        "kind": _KIND.CITY_NETWORK,
        "website": "https://www.metropolis.org/",
        "mark": "M",
        "colour": "#AD1457",
    },
    {
        "slug": "wef-c4ir",
        "name_en": "World Economic Forum Centre for the Fourth Industrial Revolution",
        "name_ar": "مركز الثورة الصناعية الرابعة التابع للمنتدى الاقتصادي العالمي",
        "acronym_en": "C4IR",
        "acronym_ar": "C4IR",
        "kind": _KIND.INTERNATIONAL,
        "website": "https://www.weforum.org/centre-for-the-fourth-industrial-revolution/",
        "mark": "C4IR",
        "colour": "#283593",
    },
    {
        "slug": "uitp",
        "name_en": "International Association of Public Transport",
        "name_ar": "الاتحاد الدولي للنقل العام",
        "acronym_en": "UITP",
        "acronym_ar": "UITP",
        "kind": _KIND.NON_PROFIT,
        "website": "https://www.uitp.org/",
        "mark": "UITP",
        "colour": "#E65100",
    },
    {
        "slug": "oecd",
        "name_en": "Organisation for Economic Co-operation and Development",
        "name_ar": "منظمة التعاون الاقتصادي والتنمية",
        "acronym_en": "OECD",
        "acronym_ar": "OECD",
        "kind": _KIND.INTERNATIONAL,
        "website": "https://www.oecd.org/",
        "mark": "OECD",
        "colour": "#37474F",
    },
]

# The 2020 chair's title, as a speaker and on the summit.
_CHAIR_TITLE_EN = "U20 Chair and President of the Royal Commission for Riyadh City"
_CHAIR_TITLE_AR = (
    "رئيس مجموعة تواصل المجتمع الحضري U20 والرئيس التنفيذي للهيئة الملكية لمدينة الرياض"
)

SPEAKERS = [
    {
        "slug": "fahd-al-rasheed",
        "name_en": "Fahd bin Abdulmohsen Al-Rasheed",
        "name_ar": "فهد بن عبدالمحسن الرشيد",
        "title_en": _CHAIR_TITLE_EN,
        "title_ar": _CHAIR_TITLE_AR,
        "organisation": "rcrc",
        "bio_en": (
            "Leads the Royal Commission for Riyadh City, the body that plans and develops the "
            "Saudi capital. As U20 Chair during Riyadh's 2020 presidency, he steered the "
            "summit that brought the cities' recommendations to the G20."
        ),
        "bio_ar": (
            "يقود الهيئة الملكية لمدينة الرياض، الجهة المسؤولة عن تخطيط العاصمة السعودية "
            "وتطويرها. وتولى رئاسة مجموعة تواصل المجتمع الحضري U20 خلال رئاسة الرياض لها عام "
            "2020، فأدار أعمال القمة التي حملت توصيات المدن إلى مجموعة العشرين."
        ),
    },
    {
        "slug": "maimunah-mohd-sharif",
        "name_en": "Maimunah Mohd Sharif",
        "name_ar": "ميمونة محمد شريف",
        "title_en": "Executive Director, UN-Habitat",
        "title_ar": "المديرة التنفيذية لموئل الأمم المتحدة",
        "organisation": "un-habitat",
        "bio_en": (
            "Heads UN-Habitat, the United Nations programme for sustainable towns and cities. "
            "A town planner by training, she was mayor of Penang Island in Malaysia before "
            "joining the United Nations."
        ),
        "bio_ar": (
            "ترأس موئل الأمم المتحدة، وهو برنامج الأمم المتحدة المعني بالمدن والمستوطنات "
            "البشرية المستدامة. وهي مخططة حضرية في الأصل، وقد شغلت منصب رئيسة بلدية جزيرة "
            "بينانغ في ماليزيا قبل انضمامها إلى الأمم المتحدة."
        ),
    },
    {
        "slug": "lamia-kamal-chaoui",
        "name_en": "Lamia Kamal-Chaoui",
        "name_ar": "لمياء كمال الشاوي",
        "title_en": "Director, OECD Centre for Entrepreneurship, SMEs, Regions and Cities",
        "title_ar": (
            "مديرة مركز ريادة الأعمال والمنشآت الصغيرة والمتوسطة والأقاليم والمدن في منظمة "
            "التعاون الاقتصادي والتنمية"
        ),
        "organisation": "oecd",
        "bio_en": (
            "Directs the OECD centre that advises governments on regional development, urban "
            "policy, small and medium-sized enterprises and local jobs."
        ),
        "bio_ar": (
            "تدير مركزا في منظمة التعاون الاقتصادي والتنمية يقدم المشورة للحكومات في مجالات "
            "التنمية الإقليمية والسياسات الحضرية والمنشآت الصغيرة والمتوسطة وفرص العمل المحلية."
        ),
    },
    {
        "slug": "virginia-raggi",
        "name_en": "Virginia Raggi",
        "name_ar": "فيرجينيا راجي",
        "title_en": "Mayor of Rome",
        "title_ar": "عمدة روما",
        "organisation": None,
        "bio_en": (
            "Mayor of Rome from 2016 to 2021, the first woman to hold the office. In 2021 Rome "
            "went on to chair the U20 together with Milan."
        ),
        "bio_ar": (
            "شغلت منصب عمدة روما من عام 2016 إلى عام 2021، وهي أول امرأة تتولى هذا المنصب. "
            "وفي عام 2021 تشاركت روما مع ميلانو رئاسة مجموعة تواصل المجتمع الحضري U20."
        ),
    },
]

_THEME_SLUGS = [theme["slug"] for theme in THEMES]

# Editions, oldest first. `themes` and `partners` (organisation slug, role) are
# set to exactly these lists; `is_current` marks the edition the home page shows.
SUMMITS = [
    {
        "slug": "buenos-aires-2018",
        "name_en": "U20 Mayors Summit Buenos Aires 2018",
        "name_ar": "قمة عمداء U20 في بوينس آيرس 2018",
        "year": 2018,
        "host_city": "buenos-aires",
        "chair_name_en": "Horacio Rodríguez Larreta",
        "chair_name_ar": "هوراسيو رودريغيز لاريتا",
        "chair_title_en": "Head of Government of the City of Buenos Aires",
        "chair_title_ar": "رئيس حكومة مدينة بوينس آيرس",
        "start_date": date(2018, 10, 29),
        "end_date": date(2018, 10, 30),
        "time_zone": "America/Argentina/Buenos_Aires",
        "is_virtual": False,
        "summary_en": (
            "The first U20 Mayors Summit, held in Buenos Aires in the year Argentina presided "
            "over the G20. Mayors of cities from G20 countries and observer cities agreed on "
            "the first U20 communiqué, setting out what cities asked of the G20 leaders."
        ),
        "summary_ar": (
            "أول قمة لعمداء مجموعة تواصل المجتمع الحضري U20، انعقدت في بوينس آيرس في العام "
            "الذي تولت فيه الأرجنتين رئاسة مجموعة العشرين. واتفق فيها عمداء مدن من دول المجموعة "
            "ومدن مراقبة من خارجها على أول بيان ختامي للمبادرة، يحدد ما تطلبه المدن من قادة "
            "مجموعة العشرين."
        ),
        "themes": [],
        "partners": [("c40", "convener"), ("uclg", "convener")],
        "is_published": True,
        "is_current": False,
    },
    {
        "slug": "tokyo-2019",
        "name_en": "U20 Mayors Summit Tokyo 2019",
        "name_ar": "قمة عمداء U20 في طوكيو 2019",
        "year": 2019,
        "host_city": "tokyo",
        "chair_name_en": "Yuriko Koike",
        "chair_name_ar": "يوريكو كويكي",
        "chair_title_en": "Governor of Tokyo",
        "chair_title_ar": "حاكمة طوكيو",
        "start_date": date(2019, 5, 21),
        "end_date": date(2019, 5, 22),
        "time_zone": "Asia/Tokyo",
        "is_virtual": False,
        "summary_en": (
            "The second edition, chaired by Tokyo Governor Yuriko Koike in the year Japan "
            "held the G20 Presidency. Thirty cities signed its communiqué on climate action, "
            "social inclusion and sustainable economic growth, which was presented to Prime "
            "Minister Shinzo Abe."
        ),
        "summary_ar": (
            "الدورة الثانية، برئاسة حاكمة طوكيو يوريكو كويكي في العام الذي تولت فيه اليابان "
            "رئاسة مجموعة العشرين. ووقعت 30 مدينة على بيانها الختامي الذي تناول العمل المناخي "
            "والإدماج الاجتماعي والنمو الاقتصادي المستدام، وقدم إلى رئيس الوزراء الياباني "
            "شينزو آبي."
        ),
        "themes": [],
        "partners": [("c40", "convener"), ("uclg", "convener")],
        "is_published": True,
        "is_current": False,
    },
    {
        "slug": "riyadh-2020",
        "name_en": "U20 Mayors Summit Riyadh 2020",
        "name_ar": "قمة عمداء U20 في الرياض 2020",
        "year": 2020,
        "host_city": "riyadh",
        "chair_name_en": "Fahd bin Abdulmohsen Al-Rasheed",
        "chair_name_ar": "فهد بن عبدالمحسن الرشيد",
        "chair_title_en": _CHAIR_TITLE_EN,
        "chair_title_ar": _CHAIR_TITLE_AR,
        "start_date": date(2020, 9, 30),
        "end_date": date(2020, 10, 2),
        "time_zone": "Asia/Riyadh",
        "is_virtual": True,
        "summary_en": (
            "Hosted online from Riyadh during the Saudi G20 Presidency, the third U20 Mayors "
            "Summit brought together 42 cities and 30 knowledge partners. Over the year, three "
            "taskforces wrote 15 white papers and a special COVID-19 working group examined "
            "the experience of 13 cities. The summit closed with a communiqué of "
            "recommendations for the G20 Leaders' Summit in Riyadh."
        ),
        "summary_ar": (
            "انعقدت القمة الثالثة لعمداء مجموعة تواصل المجتمع الحضري U20 افتراضيا من الرياض "
            "خلال رئاسة المملكة العربية السعودية لمجموعة العشرين، بمشاركة 42 مدينة و30 شريكا "
            "معرفيا. وعلى مدار العام، أعدت ثلاث فرق عمل 15 ورقة بيضاء، ودرست مجموعة عمل خاصة "
            "بجائحة كوفيد-19 تجارب 13 مدينة. واختتمت القمة أعمالها ببيان يضم توصيات موجهة إلى "
            "قمة قادة مجموعة العشرين في الرياض."
        ),
        "themes": _THEME_SLUGS,
        "partners": [
            ("c40", "convener"),
            ("uclg", "convener"),
            ("rcrc", "host"),
            ("iclei", "knowledge"),
            ("world-economic-forum", "knowledge"),
            ("un-habitat", "knowledge"),
            ("global-smart-cities-alliance", "knowledge"),
            ("world-enabled", "knowledge"),
            ("g3ict", "knowledge"),
            ("metropolis", "knowledge"),
            ("wef-c4ir", "knowledge"),
            ("uitp", "knowledge"),
            ("oecd", "knowledge"),
        ],
        "is_published": True,
        "is_current": True,
    },
]


def riyadh_time(day: date, hour: int, minute: int = 0) -> datetime:
    """An aware datetime on the Riyadh clock (UTC+3, no daylight saving)."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=RIYADH)


_DAY_ONE = date(2020, 9, 30)
_DAY_TWO = date(2020, 10, 1)
_DAY_THREE = date(2020, 10, 2)
_INCLUSIVE, _CIRCULAR, _NATURE = _THEME_SLUGS

# Sessions of one edition. `hosts` are ("city" | "organisation", slug) in the
# order shown; `speakers` are (speaker slug, role) in the order shown. Times
# are aware datetimes, so a later edition can compute them (say, from now).
RIYADH_2020_SESSIONS = [
    {
        "slug": "cities-of-the-future-post-covid-19",
        "kind": "side_event",
        "title_en": "Cities of the Future: Post COVID-19",
        "title_ar": "مدن المستقبل: ما بعد كوفيد-19",
        "description_en": (
            "How ready are cities for the next pandemic or crisis, and how should public "
            "services be redesigned while it lasts and after it has passed? Riyadh opens the "
            "summit with lessons from cities around the world, the place of Fourth Industrial "
            "Revolution technologies, and the partnerships that residents, government, "
            "business, non-profits and universities can build together."
        ),
        "description_ar": (
            "ما مدى استعداد المدن لمواجهة الجائحة أو الأزمة المقبلة، وكيف يعاد تصميم الخدمات "
            "العامة في أثناء الأزمة وبعد انقضائها؟ تفتتح الرياض أعمال القمة بجلسة تستعرض تجارب "
            "مدن من أنحاء العالم، ودور تقنيات الثورة الصناعية الرابعة، والشراكات التي يمكن أن "
            "يبنيها السكان والجهات الحكومية والقطاع الخاص والمنظمات غير الربحية والجامعات معا."
        ),
        "starts_at": riyadh_time(_DAY_ONE, 9, 0),
        "ends_at": riyadh_time(_DAY_ONE, 10, 30),
        "capacity": 500,
        "themes": [_INCLUSIVE],
        "hosts": [("city", "riyadh")],
        "speakers": [("fahd-al-rasheed", "keynote")],
    },
    {
        "slug": "equity-as-a-model-for-green-recovery",
        "kind": "side_event",
        "title_en": "Financial, Economic and Social Equity: A Model for Green Recovery",
        "title_ar": "العدالة المالية والاقتصادية والاجتماعية نموذجا للتعافي الأخضر",
        "description_en": (
            "ICLEI asks what a fair recovery looks like in practice. Local leaders discuss how "
            "to steer recovery spending towards the neighbourhoods and households that need it "
            "most, and how climate investment can also narrow the gaps between residents."
        ),
        "description_ar": (
            "تطرح شبكة إيكلي سؤالا عمليا: كيف يبدو التعافي العادل على أرض الواقع؟ ويناقش قادة "
            "محليون سبل توجيه إنفاق التعافي إلى الأحياء والأسر الأشد حاجة إليه، وكيف يمكن "
            "للاستثمار في المناخ أن يسهم أيضا في تضييق الفجوات بين السكان."
        ),
        "starts_at": riyadh_time(_DAY_ONE, 10, 45),
        "ends_at": riyadh_time(_DAY_ONE, 12, 0),
        "capacity": None,
        "themes": [_INCLUSIVE, _CIRCULAR],
        "hosts": [("organisation", "iclei")],
        "speakers": [],
    },
    {
        "slug": "energy-and-buildings-transition-in-100-cities",
        "kind": "side_event",
        "title_en": "The Energy and Buildings Transition in 100 Cities by 2030",
        "title_ar": "التحول في قطاعي الطاقة والمباني في 100 مدينة بحلول عام 2030",
        "description_en": (
            "Buildings and the energy that runs them account for a large share of urban "
            "emissions. The World Economic Forum looks at what it would take for 100 cities to "
            "transform both within a decade, from policy and finance to partnerships with "
            "the private sector."
        ),
        "description_ar": (
            "تستأثر المباني والطاقة التي تشغلها بحصة كبيرة من انبعاثات المدن. ويبحث المنتدى "
            "الاقتصادي العالمي في هذه الجلسة ما يلزم كي تنجز 100 مدينة هذا التحول خلال عقد "
            "واحد، بدءا بالسياسات والتمويل وانتهاء بالشراكات مع القطاع الخاص."
        ),
        "starts_at": riyadh_time(_DAY_ONE, 12, 15),
        "ends_at": riyadh_time(_DAY_ONE, 13, 15),
        "capacity": 300,
        "themes": [_CIRCULAR],
        "hosts": [("organisation", "world-economic-forum")],
        "speakers": [],
    },
    {
        "slug": "urban-transformation-for-the-sdgs",
        "kind": "side_event",
        "title_en": "Urban Transformation to Accelerate the Sustainable Development Goals",
        "title_ar": "التحول الحضري لتسريع تحقيق أهداف التنمية المستدامة",
        "description_en": (
            "With ten years left to meet the 2030 Agenda, UN-Habitat argues that well-planned "
            "urban change is one of the quickest routes to the Sustainable Development Goals. "
            "The session looks at planning, basic services and local data as levers of progress."
        ),
        "description_ar": (
            "مع بقاء عشر سنوات على موعد خطة عام 2030، يرى موئل الأمم المتحدة أن التحول الحضري "
            "المدروس من أسرع الطرق إلى تحقيق أهداف التنمية المستدامة. وتتناول الجلسة التخطيط "
            "والخدمات الأساسية والبيانات المحلية بوصفها أدوات لتسريع التقدم."
        ),
        "starts_at": riyadh_time(_DAY_ONE, 13, 30),
        "ends_at": riyadh_time(_DAY_ONE, 14, 45),
        "capacity": None,
        "themes": [_INCLUSIVE, _NATURE],
        "hosts": [("organisation", "un-habitat")],
        "speakers": [("maimunah-mohd-sharif", "keynote")],
    },
    {
        "slug": "smart-inclusive-and-accessible-cities",
        "kind": "side_event",
        "title_en": "Building Smart, Inclusive and Accessible Cities",
        "title_ar": "بناء مدن ذكية وشاملة ومتاحة للجميع",
        "description_en": (
            "Digital services make a city smarter only if everyone can use them. The G20 "
            "Global Smart Cities Alliance, World Enabled and G3ict discuss the steps that let "
            "people with disabilities and older residents benefit from new technology instead "
            "of being shut out by it."
        ),
        "description_ar": (
            "لا تصبح المدينة أذكى بخدماتها الرقمية إلا إذا استطاع الجميع استخدامها. ويناقش "
            "تحالف مجموعة العشرين العالمي للمدن الذكية ومنظمة التمكين العالمي ومبادرة G3ict "
            "الخطوات التي تضمن استفادة الأشخاص ذوي الإعاقة وكبار السن من التقنيات الجديدة بدلا "
            "من إقصائهم عنها."
        ),
        "starts_at": riyadh_time(_DAY_ONE, 15, 0),
        "ends_at": riyadh_time(_DAY_ONE, 16, 0),
        "capacity": 400,
        "themes": [_INCLUSIVE],
        "hosts": [
            ("organisation", "global-smart-cities-alliance"),
            ("organisation", "world-enabled"),
            ("organisation", "g3ict"),
        ],
        "speakers": [],
    },
    {
        "slug": "living-together-in-a-pandemic",
        "kind": "side_event",
        "title_en": "Living Together: Social Cohesion and Urban Inclusion in a Pandemic",
        "title_ar": "العيش المشترك: التماسك الاجتماعي والشمول الحضري في زمن الجائحة",
        "description_en": (
            "The pandemic has tested the ties that hold neighbourhoods together. Montreal and "
            "Izmir, joined by Metropolis, share how they kept residents connected, reached "
            "vulnerable groups and made sure no community was left behind."
        ),
        "description_ar": (
            "وضعت الجائحة الروابط التي تجمع سكان الأحياء أمام اختبار صعب. وتعرض مدينتا "
            "مونتريال وإزمير، بمشاركة رابطة متروبوليس، تجربتيهما في الحفاظ على تواصل السكان "
            "والوصول إلى الفئات الأكثر هشاشة، وضمان ألا تتخلف أي فئة من المجتمع عن الركب."
        ),
        "starts_at": riyadh_time(_DAY_ONE, 16, 15),
        "ends_at": riyadh_time(_DAY_ONE, 17, 30),
        "capacity": None,
        "themes": [_INCLUSIVE],
        "hosts": [("city", "montreal"), ("city", "izmir"), ("organisation", "metropolis")],
        "speakers": [],
    },
    {
        "slug": "urban-air-mobility-and-liberalizing-the-skies",
        "kind": "side_event",
        "title_en": "Urban Air Mobility and Liberalizing the Skies",
        "title_ar": "التنقل الجوي الحضري وتحرير الأجواء",
        "description_en": (
            "Drones and electric air taxis may soon carry goods and people above city streets. "
            "The WEF Centre for the Fourth Industrial Revolution explores how cities can open "
            "their airspace safely and fairly, and what rules, infrastructure and public trust "
            "that will require."
        ),
        "description_ar": (
            "قد تنقل الطائرات المسيرة وسيارات الأجرة الجوية الكهربائية البضائع والركاب فوق "
            "شوارع المدن في وقت قريب. ويستكشف مركز الثورة الصناعية الرابعة التابع للمنتدى "
            "الاقتصادي العالمي كيف تفتح المدن أجواءها بأمان وإنصاف، وما يتطلبه ذلك من أنظمة "
            "وبنية تحتية وثقة لدى الجمهور."
        ),
        "starts_at": riyadh_time(_DAY_ONE, 17, 45),
        "ends_at": riyadh_time(_DAY_ONE, 18, 45),
        "capacity": None,
        "themes": [_CIRCULAR],
        "hosts": [("organisation", "wef-c4ir")],
        "speakers": [],
    },
    {
        "slug": "public-transport-building-back-better",
        "kind": "side_event",
        "title_en": "Public Transport at the Heart of Building Back Better",
        "title_ar": "النقل العام في صميم إعادة بناء المدن بصورة أفضل",
        "description_en": (
            "Ridership fell sharply during lockdowns, yet buses, metros and trams remain the "
            "backbone of fair, low-carbon cities. UITP and UCLG close the first day by asking "
            "how to win back passengers' confidence and put public transport at the centre of "
            "recovery plans."
        ),
        "description_ar": (
            "تراجعت أعداد الركاب بشدة خلال فترات الإغلاق، غير أن الحافلات وقطارات المترو "
            "والترام تبقى العمود الفقري للمدن العادلة منخفضة الكربون. ويختتم الاتحاد الدولي "
            "للنقل العام ومنظمة المدن المتحدة والحكومات المحلية اليوم الأول بنقاش حول استعادة "
            "ثقة الركاب وجعل النقل العام محورا لخطط التعافي."
        ),
        "starts_at": riyadh_time(_DAY_ONE, 19, 0),
        "ends_at": riyadh_time(_DAY_ONE, 20, 0),
        "capacity": 300,
        "themes": [_CIRCULAR, _INCLUSIVE],
        "hosts": [("organisation", "uitp"), ("organisation", "uclg")],
        "speakers": [],
    },
    {
        "slug": "opening-plenary",
        "kind": "plenary",
        "title_en": "Opening Plenary: Cities Leading the Recovery",
        "title_ar": "الجلسة العامة الافتتاحية: المدن في طليعة التعافي",
        "description_en": (
            "The U20 Chair opens the mayors' sessions of the summit. City leaders and "
            "international partners set out the priorities that came out of a year of "
            "taskforce work, and how cities can lead a green, fair and healthy recovery from "
            "COVID-19."
        ),
        "description_ar": (
            "يفتتح رئيس مجموعة تواصل المجتمع الحضري U20 جلسات العمداء في القمة، ويعرض قادة "
            "المدن والشركاء الدوليون الأولويات التي أسفر عنها عام من عمل فرق العمل، ودور المدن "
            "في قيادة تعاف أخضر وعادل وصحي من جائحة كوفيد-19."
        ),
        "starts_at": riyadh_time(_DAY_TWO, 15, 0),
        "ends_at": riyadh_time(_DAY_TWO, 16, 30),
        "capacity": None,
        "themes": _THEME_SLUGS,
        "hosts": [("city", "riyadh"), ("organisation", "c40"), ("organisation", "uclg")],
        "speakers": [
            ("fahd-al-rasheed", "keynote"),
            ("lamia-kamal-chaoui", "moderator"),
            ("maimunah-mohd-sharif", "speaker"),
            ("virginia-raggi", "speaker"),
        ],
    },
    {
        "slug": "closing-plenary",
        "kind": "plenary",
        "title_en": "Closing Plenary: Handing the Communiqué to the G20",
        "title_ar": "الجلسة العامة الختامية: تسليم البيان الختامي إلى مجموعة العشرين",
        "description_en": (
            "Mayors and city leaders present the final communiqué and its recommendations, "
            "which are handed to the G20 ahead of the Leaders' Summit in Riyadh in November. "
            "The session also marks the end of Riyadh's year as U20 Chair."
        ),
        "description_ar": (
            "يقدم العمداء وقادة المدن البيان الختامي وما يتضمنه من توصيات، ويسلم البيان إلى "
            "مجموعة العشرين تمهيدا لعرضه على قمة القادة في الرياض في شهر نوفمبر. وتختتم "
            "الجلسة كذلك عام رئاسة الرياض لمجموعة تواصل المجتمع الحضري U20."
        ),
        "starts_at": riyadh_time(_DAY_THREE, 15, 0),
        "ends_at": riyadh_time(_DAY_THREE, 16, 30),
        "capacity": None,
        "themes": _THEME_SLUGS,
        "hosts": [("city", "riyadh"), ("organisation", "c40"), ("organisation", "uclg")],
        "speakers": [("fahd-al-rasheed", "keynote"), ("virginia-raggi", "speaker")],
    },
]

# Sessions by summit slug; an edition with no sessions here keeps whatever it has.
SESSIONS = {"riyadh-2020": RIYADH_2020_SESSIONS}


# The practice edition: sample data for trying registration, the waitlist and
# the join window. Its sessions are placed relative to the moment the loader
# runs, so every run moves them back around "now"; they are matched on slug
# and updated in place, which keeps the registrations people made in them.

PRACTICE_SLUG = "practice"
PRACTICE_MEETING_URL = "https://meet.example.org/u20-practice-{name}"
PRACTICE_RECORDING_URL = "https://video.example.org/u20-practice-recording"

_QUARTER = timedelta(minutes=15)


def _quarter_before(moment: datetime) -> datetime:
    """The last quarter hour at or before moment (in any whole-hour zone)."""
    return moment.replace(minute=moment.minute - moment.minute % 15, second=0, microsecond=0)


def _quarter_after(moment: datetime) -> datetime:
    """The first quarter hour at or after moment."""
    before = _quarter_before(moment)
    return before if before == moment else before + _QUARTER


def practice_sessions(now: datetime) -> list[dict]:
    """The practice sessions, timed from now: one open to join, one small
    enough to fill, two later ones and one that is over."""
    open_start = now.replace(second=0, microsecond=0) - timedelta(minutes=5)
    small_start = _quarter_after(now + timedelta(hours=3))
    tomorrow_start = _quarter_after(now + timedelta(days=1))
    later_start = _quarter_after(now + timedelta(days=2))
    ended_end = _quarter_before(now - timedelta(days=1))
    rcrc, riyadh = ("organisation", "rcrc"), ("city", "riyadh")
    return [
        {
            "slug": "practice-open-now",
            "kind": "workshop",
            "title_en": "Practice session: open to join now",
            "title_ar": "جلسة تجريبية: متاحة للانضمام الآن",
            "description_en": (
                "A practice session with sample data, not a real meeting. It started a few "
                "minutes ago, so once you register you can see the join link appear. The link "
                "leads to an example address, not to a real call."
            ),
            "description_ar": (
                "جلسة تجريبية ببيانات نموذجية، وليست اجتماعا حقيقيا. بدأت قبل دقائق، فبعد "
                "التسجيل فيها يظهر لك رابط الانضمام. يقود الرابط إلى عنوان للتجربة، لا إلى "
                "اتصال حقيقي."
            ),
            "starts_at": open_start,
            "ends_at": open_start + timedelta(hours=2),
            "capacity": None,
            "join_url": PRACTICE_MEETING_URL.format(name="open"),
            "recording_url": "",
            "themes": [_INCLUSIVE],
            "hosts": [rcrc, riyadh],
            "speakers": [],
        },
        {
            "slug": "practice-small-room",
            "kind": "meeting",
            "title_en": "Practice session: a small room with two places",
            "title_ar": "جلسة تجريبية: قاعة صغيرة تتسع لشخصين",
            "description_en": (
                "A practice session with sample data, not a real meeting. It has only two "
                "places, so the third person to register joins the waitlist and moves up when "
                "someone cancels."
            ),
            "description_ar": (
                "جلسة تجريبية ببيانات نموذجية، وليست اجتماعا حقيقيا. لا تتسع إلا لشخصين، "
                "فينضم ثالث المسجلين إلى قائمة الانتظار، ويتقدم فيها حين يلغي أحدهم تسجيله."
            ),
            "starts_at": small_start,
            "ends_at": small_start + timedelta(hours=1),
            "capacity": 2,
            "join_url": PRACTICE_MEETING_URL.format(name="small-room"),
            "recording_url": "",
            "themes": [_NATURE],
            "hosts": [rcrc],
            "speakers": [],
        },
        {
            "slug": "practice-tomorrow",
            "kind": "panel",
            "title_en": "Practice session: tomorrow, one hundred places",
            "title_ar": "جلسة تجريبية: غدا، بمئة مقعد",
            "description_en": (
                "A practice session with sample data, not a real meeting. It takes place "
                "tomorrow and has one hundred places: register, add it to your calendar, or "
                "cancel your place."
            ),
            "description_ar": (
                "جلسة تجريبية ببيانات نموذجية، وليست اجتماعا حقيقيا. تعقد غدا وتتسع لمئة "
                "شخص: سجل فيها أو أضفها إلى تقويمك أو ألغ تسجيلك."
            ),
            "starts_at": tomorrow_start,
            "ends_at": tomorrow_start + timedelta(minutes=90),
            "capacity": 100,
            "join_url": PRACTICE_MEETING_URL.format(name="tomorrow"),
            "recording_url": "",
            "themes": [_CIRCULAR],
            "hosts": [riyadh, rcrc],
            "speakers": [],
        },
        {
            "slug": "practice-no-limit",
            "kind": "plenary",
            "title_en": "Practice session: in two days, no limit on places",
            "title_ar": "جلسة تجريبية: بعد يومين، دون حد للمقاعد",
            "description_en": (
                "A practice session with sample data, not a real meeting. It takes place in two "
                "days and has no limit on places, so everyone who registers is confirmed."
            ),
            "description_ar": (
                "جلسة تجريبية ببيانات نموذجية، وليست اجتماعا حقيقيا. تعقد بعد يومين ولا حد "
                "لعدد مقاعدها، فيؤكد تسجيل كل من يسجل فيها."
            ),
            "starts_at": later_start,
            "ends_at": later_start + timedelta(minutes=90),
            "capacity": None,
            "join_url": PRACTICE_MEETING_URL.format(name="no-limit"),
            "recording_url": "",
            "themes": _THEME_SLUGS,
            "hosts": [riyadh],
            "speakers": [],
        },
        {
            "slug": "practice-ended",
            "kind": "side_event",
            "title_en": "Practice session: ended yesterday, with a recording",
            "title_ar": "جلسة تجريبية: انتهت أمس، ولها تسجيل",
            "description_en": (
                "A practice session with sample data, not a real meeting. It ended yesterday, "
                "so registration is closed and the page offers its recording instead. The "
                "recording link leads to an example address, not to a real video."
            ),
            "description_ar": (
                "جلسة تجريبية ببيانات نموذجية، وليست اجتماعا حقيقيا. انتهت أمس، فأغلق "
                "التسجيل فيها وتعرض الصفحة تسجيلها بدلا منه. يقود رابط التسجيل إلى عنوان "
                "للتجربة، لا إلى مقطع مرئي حقيقي."
            ),
            "starts_at": ended_end - timedelta(hours=1),
            "ends_at": ended_end,
            "capacity": None,
            "join_url": "",
            "recording_url": PRACTICE_RECORDING_URL,
            "themes": [_NATURE, _INCLUSIVE],
            "hosts": [rcrc, riyadh],
            "speakers": [],
        },
    ]


def practice_summit(now: datetime, sessions: list[dict]) -> dict:
    """The practice edition: from today (in Riyadh) for three days, widened
    to hold every practice session, such as the one that ended yesterday."""
    today = now.astimezone(RIYADH).date()
    days = [spec["starts_at"].astimezone(RIYADH).date() for spec in sessions]
    return {
        "slug": PRACTICE_SLUG,
        "name_en": "Practice edition (sample data)",
        "name_ar": "دورة تجريبية (بيانات نموذجية)",
        "year": today.year,
        "host_city": "riyadh",
        "chair_name_en": "",
        "chair_name_ar": "",
        "chair_title_en": "",
        "chair_title_ar": "",
        "start_date": min([today, *days]),
        "end_date": max([today + timedelta(days=3), *days]),
        "time_zone": "Asia/Riyadh",
        "is_virtual": True,
        "summary_en": (
            "This is sample data, not a real summit: a practice edition for trying "
            "registration on this site. Register for a session, join a waitlist and see when "
            "the join link appears. Its sessions, times and links are not real, and the "
            "sessions move to new times whenever the demo data are loaded again."
        ),
        "summary_ar": (
            "هذه بيانات نموذجية وليست قمة حقيقية: دورة تجريبية لتجربة التسجيل في هذا الموقع. "
            "سجل في جلسة، وانضم إلى قائمة انتظار، وشاهد متى يظهر رابط الانضمام. جلساتها "
            "ومواعيدها وروابطها ليست حقيقية، وتنتقل الجلسات إلى مواعيد جديدة كلما أعيد تحميل "
            "البيانات التجريبية."
        ),
        "themes": _THEME_SLUGS,
        "partners": [],
        "is_published": True,
        "is_current": False,
    }


# Loading


def _fields(spec: dict, *exclude: str) -> dict:
    return {key: value for key, value in spec.items() if key not in exclude}


def _file_exists(field: FieldFile) -> bool:
    return bool(field) and field.storage.exists(field.name)


def logo_png(mark: str, colour: str) -> ContentFile:
    """A square PNG: the mark in white, centred on a coloured background."""
    image = Image.new("RGB", (LOGO_SIZE, LOGO_SIZE), colour)
    draw = ImageDraw.Draw(image)
    size = 120
    while True:
        font = ImageFont.load_default(size=size)
        left, top, right, bottom = draw.textbbox((0, 0), mark, font=font)
        if right - left <= LOGO_SIZE * 0.8 or size <= 12:
            break
        size -= 4
    position = ((LOGO_SIZE - (right - left)) / 2 - left, (LOGO_SIZE - (bottom - top)) / 2 - top)
    draw.text(position, mark, font=font, fill="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue())


def _load_cities() -> dict[str, City]:
    return {
        spec["slug"]: City.objects.update_or_create(slug=spec["slug"], defaults=_fields(spec))[0]
        for spec in CITIES
    }


def _load_themes() -> dict[str, Theme]:
    return {
        spec["slug"]: Theme.objects.update_or_create(slug=spec["slug"], defaults=_fields(spec))[0]
        for spec in THEMES
    }


def _load_organisations() -> dict[str, Organisation]:
    organisations = {}
    for spec in ORGANISATIONS:
        organisation, _ = Organisation.objects.update_or_create(
            slug=spec["slug"], defaults=_fields(spec, "mark", "colour")
        )
        if not _file_exists(organisation.logo):
            organisation.logo.save(
                f"{organisation.slug}.png", logo_png(spec["mark"], spec["colour"]), save=False
            )
            organisation.save(update_fields=["logo"])
            refresh_thumbnails(organisation)
        elif not _file_exists(organisation.logo_thumbnail):
            refresh_thumbnails(organisation)
        organisations[spec["slug"]] = organisation
    return organisations


def _load_speakers(organisations: dict[str, Organisation]) -> dict[str, Speaker]:
    speakers = {}
    for spec in SPEAKERS:
        defaults = _fields(spec, "organisation")
        defaults["organisation"] = organisations.get(spec["organisation"])
        speakers[spec["slug"]] = Speaker.objects.update_or_create(
            slug=spec["slug"], defaults=defaults
        )[0]
    return speakers


def _load_summits(
    specs: list[dict],
    *,
    cities: dict[str, City],
    themes: dict[str, Theme],
    organisations: dict[str, Organisation],
) -> dict[str, Summit]:
    # One summit only may be current: clear the flag everywhere else first.
    current = [spec["slug"] for spec in specs if spec["is_current"]]
    Summit.objects.filter(is_current=True).exclude(slug__in=current).update(is_current=False)
    summits = {}
    for spec in specs:
        defaults = _fields(spec, "host_city", "themes", "partners")
        defaults["host_city"] = cities[spec["host_city"]]
        summit, _ = Summit.objects.update_or_create(slug=spec["slug"], defaults=defaults)
        summit.themes.set([themes[slug] for slug in spec["themes"]])
        _set_partners(summit, spec["partners"], organisations)
        summits[spec["slug"]] = summit
    return summits


def _set_partners(
    summit: Summit, partners: list[tuple[str, str]], organisations: dict[str, Organisation]
) -> None:
    kept = []
    for order, (slug, role) in enumerate(partners):
        partner, _ = SummitPartner.objects.update_or_create(
            summit=summit,
            organisation=organisations[slug],
            defaults={"role": role, "order": order},
        )
        kept.append(partner.pk)
    summit.partnerships.exclude(pk__in=kept).delete()


def _load_sessions(
    summit: Summit,
    specs: list[dict],
    *,
    cities: dict[str, City],
    themes: dict[str, Theme],
    organisations: dict[str, Organisation],
    speakers: dict[str, Speaker],
) -> list[Session]:
    sessions = []
    for spec in specs:
        # A spec may give a join link (the practice sessions do); none is the default.
        defaults = {"join_url": "", "status": Session.Status.SCHEDULED, "is_published": True}
        defaults.update(_fields(spec, "slug", "themes", "hosts", "speakers"))
        session, _ = Session.objects.update_or_create(
            summit=summit, slug=spec["slug"], defaults=defaults
        )
        session.themes.set([themes[slug] for slug in spec["themes"]])
        _set_hosts(session, spec["hosts"], cities=cities, organisations=organisations)
        _set_speakers(session, spec["speakers"], speakers)
        sessions.append(session)
    return sessions


def _set_hosts(
    session: Session,
    hosts: list[tuple[str, str]],
    *,
    cities: dict[str, City],
    organisations: dict[str, Organisation],
) -> None:
    kept = []
    for order, (kind, slug) in enumerate(hosts):
        if kind == "city":
            key = {"city": cities[slug], "organisation": None}
        else:
            key = {"organisation": organisations[slug], "city": None}
        host, _ = SessionHost.objects.update_or_create(
            session=session, **key, defaults={"order": order}
        )
        kept.append(host.pk)
    session.hosts.exclude(pk__in=kept).delete()


def _set_speakers(
    session: Session, appearances: list[tuple[str, str]], speakers: dict[str, Speaker]
) -> None:
    kept = []
    for order, (slug, role) in enumerate(appearances):
        appearance, _ = SessionSpeaker.objects.update_or_create(
            session=session, speaker=speakers[slug], defaults={"role": role, "order": order}
        )
        kept.append(appearance.pk)
    session.session_speakers.exclude(pk__in=kept).delete()


def load_demo(*, now: datetime | None = None) -> None:
    """Create or update every demo row, all or nothing. The practice
    edition's sessions are placed around now (by default, this moment)."""
    now = now or timezone.now()
    practice = practice_sessions(now)
    sessions = {**SESSIONS, PRACTICE_SLUG: practice}
    with transaction.atomic():
        cities = _load_cities()
        themes = _load_themes()
        organisations = _load_organisations()
        speakers = _load_speakers(organisations)
        summits = _load_summits(
            [*SUMMITS, practice_summit(now, practice)],
            cities=cities,
            themes=themes,
            organisations=organisations,
        )
        for summit_slug, specs in sessions.items():
            _load_sessions(
                summits[summit_slug],
                specs,
                cities=cities,
                themes=themes,
                organisations=organisations,
                speakers=speakers,
            )
        recommendations_demo.load()
        media_contacts_demo.load()
        Summit.content_changed()


def demo_counts() -> dict[str, int]:
    """How many rows of each kind the database holds, for the command's summary."""
    return {
        "summits": Summit.objects.count(),
        "sessions": Session.objects.count(),
        "cities": City.objects.count(),
        "themes": Theme.objects.count(),
        "organisations": Organisation.objects.count(),
        "partners": SummitPartner.objects.count(),
        "speakers": Speaker.objects.count(),
    }
