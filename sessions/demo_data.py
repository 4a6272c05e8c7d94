"""The agenda's demo data: the speakers and the sessions of Riyadh 2020 in
English and Arabic, and the practice edition's sample sessions, timed from
the moment of loading. Plain structures, with other rows referred to by slug;
the cities, organisations, themes and summits are u20/demo_data.py's.
"""

from datetime import date, datetime, timedelta

from u20.demo_data import CHAIR_TITLE_AR, CHAIR_TITLE_EN, RIYADH, THEME_SLUGS

SPEAKERS = [
    {
        "slug": "fahd-al-rasheed",
        "name_en": "Fahd bin Abdulmohsen Al-Rasheed",
        "name_ar": "فهد بن عبدالمحسن الرشيد",
        "title_en": CHAIR_TITLE_EN,
        "title_ar": CHAIR_TITLE_AR,
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


def riyadh_time(day: date, hour: int, minute: int = 0) -> datetime:
    """An aware datetime on the Riyadh clock (UTC+3, no daylight saving)."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=RIYADH)


_DAY_ONE = date(2020, 9, 30)
_DAY_TWO = date(2020, 10, 1)
_DAY_THREE = date(2020, 10, 2)
_INCLUSIVE, _CIRCULAR, _NATURE = THEME_SLUGS

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
        "themes": THEME_SLUGS,
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
        "themes": THEME_SLUGS,
        "hosts": [("city", "riyadh"), ("organisation", "c40"), ("organisation", "uclg")],
        "speakers": [("fahd-al-rasheed", "keynote"), ("virginia-raggi", "speaker")],
    },
]

# Sessions by summit slug; an edition with no sessions here keeps whatever it has.
# The 2020 sessions were held in English with Arabic interpretation; their
# channel links are long gone, so none is given.
for _spec in RIYADH_2020_SESSIONS:
    _spec.setdefault("floor_language", "en")
    _spec.setdefault("languages", [("interpretation", "ar", "")])

SESSIONS = {"riyadh-2020": RIYADH_2020_SESSIONS}


# The practice edition: sample data for trying registration, the waitlist and
# the join window. Its sessions are placed relative to the moment the loader
# runs, so every run moves them back around "now"; they are matched on slug
# and updated in place, which keeps the registrations people made in them.

PRACTICE_MEETING_URL = "https://meet.example.org/u20-practice-{name}"
PRACTICE_RECORDING_URL = "https://video.example.org/u20-practice-recording-{language}"
# The practice recordings' transcripts, as the meeting platform would export
# them: sample words, not a record of a real meeting.
PRACTICE_TRANSCRIPT_AR = """WEBVTT

00:00:00.000 --> 00:00:06.000
أهلا بكم في هذه الجلسة التجريبية، وهي مثال ببيانات نموذجية.

00:00:06.000 --> 00:00:13.500
نجرب فيها التسجيل المصوَّر بلغتين، ومعه نص مكتوب لما قيل.

00:00:13.500 --> 00:00:19.000
شكرا لحضوركم، ونلقاكم في الجلسة القادمة.
"""
PRACTICE_TRANSCRIPT_EN = """WEBVTT

00:00:00.000 --> 00:00:06.000
Welcome to this practice session, an example with sample data.

00:00:06.000 --> 00:00:13.500
It tries out a recording in two languages, with a written transcript of what was said.

00:00:13.500 --> 00:00:19.000
Thank you for joining us, and see you at the next session.
"""

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
                "minutes ago, so once you register you can see the join link appear. It is "
                "held in English with an Arabic interpretation channel and captions in both "
                "languages: choose the channel you listen in when you register. The links "
                "lead to example addresses, not to a real call."
            ),
            "description_ar": (
                "جلسة تجريبية ببيانات نموذجية، وليست اجتماعا حقيقيا. بدأت قبل دقائق، فبعد "
                "حجز مقعد فيها يظهر لك رابط الانضمام. تُعقد بالإنجليزية مع قناة ترجمة فورية "
                "إلى العربية وترجمة نصية مباشرة باللغتين: اختر القناة التي تستمع إليها عند "
                "الحجز. تقود الروابط إلى عناوين للتجربة، لا إلى اتصال حقيقي."
            ),
            "starts_at": open_start,
            "ends_at": open_start + timedelta(hours=2),
            "capacity": None,
            "join_url": PRACTICE_MEETING_URL.format(name="open"),
            "floor_language": "en",
            "languages": [
                ("interpretation", "ar", PRACTICE_MEETING_URL.format(name="open-arabic")),
                ("captions", "en", ""),
                ("captions", "ar", ""),
            ],
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
                "فينضم ثالث من يحجز إلى قائمة الانتظار، ويتقدم فيها حين يلغي أحد الحاجزين حجزه."
            ),
            "starts_at": small_start,
            "ends_at": small_start + timedelta(hours=1),
            "capacity": 2,
            "join_url": PRACTICE_MEETING_URL.format(name="small-room"),
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
                "شخص: احجز مقعدًا فيها، أو أضفها إلى تقويمك، أو ألغِ حجزك."
            ),
            "starts_at": tomorrow_start,
            "ends_at": tomorrow_start + timedelta(minutes=90),
            "capacity": 100,
            "join_url": PRACTICE_MEETING_URL.format(name="tomorrow"),
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
                "لعدد مقاعدها، فيُؤكَّد حجز كل من يحجز فيها."
            ),
            "starts_at": later_start,
            "ends_at": later_start + timedelta(minutes=90),
            "capacity": None,
            "join_url": PRACTICE_MEETING_URL.format(name="no-limit"),
            "themes": THEME_SLUGS,
            "hosts": [riyadh],
            "speakers": [],
        },
        {
            "slug": "practice-ended",
            "kind": "side_event",
            "title_en": "Practice session: ended yesterday, with a recording",
            "title_ar": "جلسة تجريبية: انتهت أمس، ولها تسجيل مصوَّر",
            "description_en": (
                "A practice session with sample data, not a real meeting. It ended yesterday, "
                "so registration is closed and the page offers its recording instead, in "
                "Arabic and in English, each with a transcript. The recording links lead to "
                "example addresses, not to real videos."
            ),
            "description_ar": (
                "جلسة تجريبية ببيانات نموذجية، وليست اجتماعا حقيقيا. انتهت أمس، فأُغلق حجز "
                "المقاعد فيها، وتعرض الصفحة تسجيلها المصوَّر بدلا من ذلك، بالعربية "
                "وبالإنجليزية، ومع كل منهما نص مكتوب. وتقود روابط التسجيل إلى عناوين "
                "للتجربة، لا إلى مقاطع مرئية حقيقية."
            ),
            "starts_at": ended_end - timedelta(hours=1),
            "ends_at": ended_end,
            "capacity": None,
            "join_url": "",
            "floor_language": "ar",
            "languages": [("interpretation", "en", "")],
            "recordings": [
                ("ar", PRACTICE_RECORDING_URL.format(language="ar"), PRACTICE_TRANSCRIPT_AR),
                ("en", PRACTICE_RECORDING_URL.format(language="en"), PRACTICE_TRANSCRIPT_EN),
            ],
            "themes": [_NATURE, _INCLUSIVE],
            "hosts": [rcrc, riyadh],
            "speakers": [],
        },
    ]
