"""The core's demo data: the cities, themes and organisations of the U20
editions of 2018-2020 in English and Arabic, the editions themselves with
their partners, and the practice edition, whose days u20.demo places around
the moment of loading.

The data are plain structures (dicts keyed by model field names, with other
rows referred to by slug). Every text here is written for the demo; the facts
come from ../shared/seed/FACTS.md. The speakers and sessions are the agenda's
(sessions/demo_data.py).
"""

from datetime import date
from zoneinfo import ZoneInfo

from u20.models import City, Organisation

RIYADH = ZoneInfo("Asia/Riyadh")

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
CHAIR_TITLE_EN = "U20 Chair and President of the Royal Commission for Riyadh City"
CHAIR_TITLE_AR = (
    "رئيس مجموعة تواصل المجتمع الحضري U20 والرئيس التنفيذي للهيئة الملكية لمدينة الرياض"
)

THEME_SLUGS = [theme["slug"] for theme in THEMES]

# Editions, oldest first. `themes` and `partners` (organisation slug, role) are
# set to exactly these lists; `is_current` marks the edition the home page shows.
SUMMITS = [
    {
        "slug": "buenos-aires-2018",
        "name_en": "U20 Mayors Summit Buenos Aires 2018",
        "name_ar": "قمة عمداء مجموعة تواصل المجتمع الحضري في بوينس آيرس 2018",
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
        "name_ar": "قمة عمداء مجموعة تواصل المجتمع الحضري في طوكيو 2019",
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
            "والإدماج الاجتماعي والنمو الاقتصادي المستدام، وقُدِّم إلى رئيس الوزراء الياباني "
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
        "name_ar": "قمة عمداء مجموعة تواصل المجتمع الحضري في الرياض 2020",
        "year": 2020,
        "host_city": "riyadh",
        "chair_name_en": "Fahd bin Abdulmohsen Al-Rasheed",
        "chair_name_ar": "فهد بن عبدالمحسن الرشيد",
        "chair_title_en": CHAIR_TITLE_EN,
        "chair_title_ar": CHAIR_TITLE_AR,
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
        "themes": THEME_SLUGS,
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


# The practice edition: sample data for trying registration, the waitlist and
# the join window (its sessions are the agenda's). Its days are not fixed:
# u20.demo.practice_summit() adds its year, start_date and end_date from the
# moment the loader runs.
PRACTICE_SLUG = "practice"
PRACTICE_SUMMIT = {
    "slug": PRACTICE_SLUG,
    "is_sample": True,
    "name_en": "Practice edition (sample data)",
    "name_ar": "دورة تجريبية (بيانات نموذجية)",
    "host_city": "riyadh",
    "chair_name_en": "",
    "chair_name_ar": "",
    "chair_title_en": "",
    "chair_title_ar": "",
    "time_zone": "Asia/Riyadh",
    "is_virtual": True,
    "summary_en": (
        "This is sample data, not a real summit: a practice edition for trying "
        "registration on this site. Register for a session, join a waitlist and see when "
        "the join link appears. Its sessions, times and links are not real, and the "
        "sessions move to new times whenever the demo data are loaded again."
    ),
    "summary_ar": (
        "هذه بيانات نموذجية وليست قمة حقيقية: دورة تجريبية لتجربة حجز المقاعد في هذا الموقع. "
        "احجز مقعدًا في جلسة، وانضم إلى قائمة انتظار، وشاهد متى يظهر رابط الانضمام. جلساتها "
        "ومواعيدها وروابطها ليست حقيقية، وتنتقل الجلسات إلى مواعيد جديدة كلما أعيد تحميل "
        "البيانات التجريبية."
    ),
    "themes": THEME_SLUGS,
    "partners": [],
    "is_published": True,
    "is_current": False,
}
