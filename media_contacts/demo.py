"""Demo data for the press office: three press releases about the 2020
Riyadh summit, written for this project in English and Arabic from the facts
in the seed (not copied from it), and a fictional media team with
example.org addresses and made-up +966 11 555 01xx numbers. Safe to run
again."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from media_contacts import demo_press_office as press_office
from media_contacts.models import MediaContact, PressRelease
from u20.models import Summit

RIYADH = ZoneInfo("Asia/Riyadh")
SUMMIT_SLUG = "riyadh-2020"

_ABOUT_EN = """## About the U20

The Urban 20 (U20) is a city-diplomacy initiative. It brings together cities of
G20 member countries and observer cities from outside the G20 to agree common
positions on climate, social inclusion and sustainable economic growth, and
sends its recommendations to the G20. C40 Cities and United Cities and Local
Governments (UCLG) convene it, and the chair passes to a different city every
year: Buenos Aires hosted the first summit in 2018, Tokyo the second in 2019,
and Riyadh chairs the U20 in 2020."""

_ABOUT_AR = """## نبذة عن مجموعة تواصل المجتمع الحضري

مجموعة تواصل المجتمع الحضري U20 مبادرة للدبلوماسية بين المدن، تلتقي فيها مدن
من الدول الأعضاء في مجموعة العشرين ومدن مراقِبة من خارجها، لتتفق على مواقف مشتركة
في قضايا المناخ والإدماج الاجتماعي والنمو الاقتصادي المستدام، ثم ترفع توصياتها إلى
مجموعة العشرين. وتتولى الدعوة إليها شبكة مدن C40 ومنظمة المدن والحكومات المحلية
المتحدة، وتنتقل رئاستها كل عام إلى مدينة جديدة: فقد احتضنت بوينس آيرس القمة الأولى
عام 2018، ثم طوكيو عام 2019، وتتولى الرياض رئاسة المجموعة في عام 2020."""

RELEASES = [
    {
        "slug": "riyadh-to-host-u20-mayors-summit-2020",
        "published_at": datetime(2020, 9, 23, 10, 0, tzinfo=RIYADH),
        "title_en": "Riyadh to host the U20 Mayors Summit online, 30 September to 2 October",
        "title_ar": (
            "الرياض تستضيف القمة الافتراضية لعمداء مجموعة تواصل المجتمع الحضري "
            "من 30 سبتمبر إلى 2 أكتوبر"
        ),
        "summary_en": (
            "Mayors of G20 and observer cities will meet online under Riyadh's chairmanship "
            "to agree the recommendations they send to the G20 Leaders' Summit in November."
        ),
        "summary_ar": (
            "يجتمع عمداء مدن مجموعة العشرين والمدن المراقِبة عبر الإنترنت برئاسة الرياض، "
            "للاتفاق على التوصيات التي سيرفعونها إلى قمة قادة مجموعة العشرين في نوفمبر."
        ),
        "body_en": f"""The third U20 Mayors Summit will take place **online from Riyadh
from Wednesday 30 September to Friday 2 October 2020**, chaired by Fahd bin
Abdulmohsen Al-Rasheed, U20 Chair and President of the Royal Commission for
Riyadh City.

This year's work is organised around three themes:

- inclusive prosperous communities;
- circular, carbon-neutral economies;
- nature-based urban solutions.

Forty-two cities and thirty knowledge partners have contributed to the 2020
cycle. Three taskforces have written fifteen white papers, and a special
working group has looked at how thirteen cities responded to COVID-19.

The programme opens with a day of side events hosted by Riyadh and by partner
organisations. The summit ends with a communiqué of recommendations for the
G20 Leaders' Summit, which meets in Riyadh on 21 and 22 November 2020.

Journalists can ask for accreditation, interviews and background briefings
through the media team.

{_ABOUT_EN}""",
        "body_ar": f"""تُعقد القمة الثالثة لعمداء مجموعة تواصل المجتمع الحضري U20
**افتراضياً من الرياض من الأربعاء 30 سبتمبر إلى الجمعة 2 أكتوبر 2020**، برئاسة
الأستاذ فهد بن عبدالمحسن الرشيد، رئيس المجموعة والرئيس التنفيذي للهيئة الملكية
لمدينة الرياض.

وتنتظم أعمال هذا العام حول ثلاثة محاور:

- مجتمعات شاملة ومزدهرة؛
- اقتصادات دائرية محايدة كربونياً؛
- حلول حضرية قائمة على الطبيعة.

وأسهمت في دورة عام 2020 اثنتان وأربعون مدينة وثلاثون شريكاً معرفياً، إذ أعدّت ثلاث
فرق عمل خمس عشرة ورقة بيضاء، ودرست مجموعة عمل خاصة استجابة ثلاث عشرة مدينة لجائحة
كوفيد-19.

ويبدأ البرنامج بيوم من الفعاليات الجانبية تستضيفها الرياض والمنظمات الشريكة، وتُختتم
القمة ببيان يتضمن توصيات موجّهة إلى قمة قادة مجموعة العشرين التي تنعقد في الرياض
يومي 21 و22 نوفمبر 2020.

ويمكن للصحفيين طلب الاعتماد الإعلامي وإجراء المقابلات وجلسات الإحاطة الخلفية عبر
الفريق الإعلامي.

{_ABOUT_AR}""",
    },
    {
        "slug": "first-day-eight-side-events",
        "published_at": datetime(2020, 9, 30, 21, 0, tzinfo=RIYADH),
        "title_en": "More than 500 people join eight side events on the summit's first day",
        "title_ar": "أكثر من 500 مشارك في ثماني فعاليات جانبية خلال اليوم الأول للقمة",
        "summary_en": (
            "The virtual U20 Mayors Summit opened from Riyadh with eight side events on "
            "the recovery of cities from COVID-19, energy, smart and accessible cities, "
            "and public transport."
        ),
        "summary_ar": (
            "افتتحت قمة عمداء مجموعة تواصل المجتمع الحضري أعمالها افتراضياً من الرياض بثماني "
            "فعاليات جانبية تناولت تعافي المدن من جائحة كوفيد-19، والطاقة، والمدن الذكية "
            "الميسّرة للجميع، والنقل العام."
        ),
        "body_en": f"""The U20 Mayors Summit, held online from Riyadh, opened on
Wednesday 30 September 2020 with a day of eight side events. **More than 500
participants** followed sessions hosted by the City of Riyadh and by
international organisations and city networks. The summit runs until
2 October.

For Fahd bin Abdulmohsen Al-Rasheed, U20 Chair and President of the Royal
Commission for Riyadh City, the number of major organisations taking part shows
that cities can bring international partners together around the urban
questions that shape everyday life, and that working closely together is how
cities will become better places to live.

## The eight sessions

1. **Cities of the Future: Post COVID-19**, hosted by Riyadh, opened the day:
   how ready cities are for pandemics and other crises, how to design city
   services during and after them, and how residents, government, business,
   non-profits and universities can put the technologies of the Fourth
   Industrial Revolution to work.
2. **ICLEI – Local Governments for Sustainability** presented financial,
   economic and social equity as a model for a green recovery.
3. The **World Economic Forum** discussed the energy and buildings transition
   in 100 cities by 2030.
4. **UN-Habitat** asked how urban transformation can bring the Sustainable
   Development Goals closer.
5. The **G20 Global Smart Cities Alliance**, with World Enabled and G3ict, set
   out what it takes to build smart cities that are inclusive and accessible.
6. **Montreal and Izmir**, with Metropolis, spoke about living together, social
   cohesion and urban inclusion in a pandemic.
7. The World Economic Forum's **Centre for the Fourth Industrial Revolution**
   hosted "Urban Air Mobility and Liberalizing the Skies".
8. **UITP** and **UCLG** closed the day with the central part public transport
   plays in rebuilding cities better.

## What comes next

By the end of the summit, mayors and partners will agree a communiqué of 27
recommendations for the G20, to be raised at the G20 Leaders' Summit in Riyadh
on 21 and 22 November 2020.

{_ABOUT_EN}""",
        "body_ar": f"""بدأت يوم الأربعاء 30 سبتمبر 2020 أعمال قمة عمداء مجموعة تواصل
المجتمع الحضري U20 المنعقدة عبر الإنترنت من الرياض، بيوم خُصّص لثماني فعاليات
جانبية تابعها **أكثر من 500 مشارك**، واستضافتها مدينة الرياض إلى جانب منظمات دولية
وشبكات للمدن. وتستمر القمة حتى 2 أكتوبر.

ويرى الأستاذ فهد بن عبدالمحسن الرشيد، رئيس المجموعة والرئيس التنفيذي للهيئة الملكية
لمدينة الرياض، أن حضور هذا العدد من المنظمات الدولية الكبرى يدل على قدرة المدن على
جمع الشركاء حول القضايا الحضرية التي تمس الحياة اليومية للناس، وأن العمل المشترك
الوثيق هو السبيل إلى مدن أفضل لسكانها.

## الجلسات الثماني

1. افتتحت الرياض اليوم بجلسة **«مدن المستقبل: ما بعد كوفيد-19»**، التي تناولت مدى
   استعداد المدن للأوبئة والأزمات، وتصميم الخدمات البلدية في أثنائها وبعدها، وكيف
   يستفيد السكان والحكومات والشركات والقطاع غير الربحي والجامعات من تقنيات الثورة
   الصناعية الرابعة.
2. قدّمت **الحكومات المحلية من أجل الاستدامة (إيكلي)** العدالة المالية والاقتصادية
   والاجتماعية نموذجاً للتعافي الأخضر.
3. ناقش **المنتدى الاقتصادي العالمي** التحول في قطاعي الطاقة والمباني في 100 مدينة
   بحلول عام 2030.
4. طرح **برنامج الأمم المتحدة للمستوطنات البشرية** سؤال توظيف التحول الحضري لتقريب
   أهداف التنمية المستدامة.
5. عرض **التحالف العالمي للمدن الذكية لمجموعة العشرين**، مع منظمة التمكين العالمي
   وG3ict، ما يتطلبه بناء مدن ذكية شاملة يسهل على الجميع الوصول إليها.
6. تحدثت **مونتريال وإزمير** مع منظمة متروبوليس عن العيش المشترك والتماسك
   الاجتماعي والإدماج الحضري في زمن الجائحة.
7. استضاف **مركز الثورة الصناعية الرابعة** التابع للمنتدى الاقتصادي العالمي جلسة
   بعنوان «التنقل الجوي الحضري وتحرير الأجواء».
8. واختتم **الاتحاد الدولي للنقل العام** و**منظمة المدن والحكومات المحلية المتحدة**
   اليوم بجلسة عن الدور المحوري للنقل العام في إعادة بناء المدن على نحو أفضل.

## ما بعد اليوم الأول

يتفق العمداء والشركاء مع ختام القمة على بيان يضم 27 توصية إلى مجموعة العشرين،
تُرفع إلى قمة قادة المجموعة في الرياض يومي 21 و22 نوفمبر 2020.

{_ABOUT_AR}""",
    },
    {
        "slug": "communique-handed-to-the-g20",
        "published_at": datetime(2020, 10, 2, 19, 0, tzinfo=RIYADH),
        "title_en": "Mayors hand the G20 a communiqué of 27 recommendations",
        "title_ar": "العمداء يسلّمون مجموعة العشرين بياناً من 27 توصية",
        "summary_en": (
            "The U20 Mayors Summit closed on 2 October 2020 by handing the G20 a communiqué "
            "of 27 recommendations in four areas, endorsed by 39 mayors and city leaders."
        ),
        "summary_ar": (
            "اختُتمت قمة عمداء مجموعة تواصل المجتمع الحضري في 2 أكتوبر 2020 بتسليم مجموعة "
            "العشرين بياناً يضم 27 توصية في أربعة مجالات، أيّده 39 عمدة وقائداً محلياً."
        ),
        "body_en": f"""The virtual U20 Mayors Summit ended on Friday 2 October 2020
with the handover of its final communiqué to the G20. It makes **27
recommendations in four areas**. The first asks national governments to
*partner by investing in a green and just COVID-19 recovery*.

Thirty-nine mayors and city leaders have endorsed the communiqué, among them
the leaders of Barcelona, Berlin, Buenos Aires, London, Los Angeles, Madrid,
Montreal, Osaka, Paris, Rome, Seoul and Tokyo.

The recommendations build on a year of work by 42 cities and 30 knowledge
partners, fifteen white papers from three taskforces, and a study of how
thirteen cities faced COVID-19.

## Next steps

The communiqué will be raised at the G20 Leaders' Summit in Riyadh on 21 and
22 November 2020. Journalists who would like to discuss the recommendations
with the U20 Chair or with participating mayors can send an interview request
to the media team.

{_ABOUT_EN}""",
        "body_ar": f"""اختُتمت القمة الافتراضية لعمداء مجموعة تواصل المجتمع الحضري U20
يوم الجمعة 2 أكتوبر 2020 بتسليم بيانها الختامي إلى مجموعة العشرين. ويتضمن البيان
**27 توصية في أربعة مجالات**، أولها دعوة الحكومات الوطنية إلى *الشراكة عبر الاستثمار
في تعافٍ أخضر وعادل من جائحة كوفيد-19*.

وأيّد البيان تسعة وثلاثون عمدة وقائداً محلياً، من بينهم قادة برشلونة وبرلين
وبوينس آيرس ولندن ولوس أنجلوس ومدريد ومونتريال وأوساكا وباريس وروما وسول وطوكيو.

وتستند التوصيات إلى عام كامل من العمل شاركت فيه 42 مدينة و30 شريكاً معرفياً، وأثمر
خمس عشرة ورقة بيضاء أعدّتها ثلاث فرق عمل، ودراسة لتجارب ثلاث عشرة مدينة في مواجهة
كوفيد-19.

## الخطوات التالية

يُرفع البيان إلى قمة قادة مجموعة العشرين في الرياض يومي 21 و22 نوفمبر 2020. ويمكن
للصحفيين الراغبين في مناقشة التوصيات مع رئيس المجموعة أو مع العمداء المشاركين إرسال
طلب مقابلة إلى الفريق الإعلامي.

{_ABOUT_AR}""",
    },
]

# A fictional team: the names are invented, the addresses are example.org and
# the numbers, +966 11 555 01xx, are made up for the demo.
CONTACTS = [
    {
        "kind": MediaContact.Kind.DESK,
        "email": "media@example.org",
        "name_en": "U20 media team",
        "name_ar": "الفريق الإعلامي لمجموعة تواصل المجتمع الحضري",
        "role_en": "General enquiries, accreditation and interview requests",
        "role_ar": "الاستفسارات العامة والاعتماد الإعلامي وطلبات المقابلات",
        "phone": "+966 11 555 0100",
        "languages_en": "Arabic, English",
        "languages_ar": "العربية والإنجليزية",
        "order": 0,
    },
    {
        "kind": MediaContact.Kind.PERSON,
        "email": "noura.alqahtani@example.org",
        "name_en": "Noura Al-Qahtani",
        "name_ar": "نورة القحطاني",
        "role_en": "Head of media relations",
        "role_ar": "رئيسة العلاقات الإعلامية",
        "phone": "+966 11 555 0101",
        "languages_en": "Arabic, English",
        "languages_ar": "العربية والإنجليزية",
        "order": 1,
    },
    {
        "kind": MediaContact.Kind.PERSON,
        "email": "omar.haddad@example.org",
        "name_en": "Omar Haddad",
        "name_ar": "عمر حداد",
        "role_en": "Press officer, international media",
        "role_ar": "مسؤول صحفي للإعلام الدولي",
        "phone": "+966 11 555 0102",
        "languages_en": "Arabic, English, French",
        "languages_ar": "العربية والإنجليزية والفرنسية",
        "order": 2,
    },
    {
        "kind": MediaContact.Kind.PERSON,
        "email": "sarah.mitchell@example.org",
        "name_en": "Sarah Mitchell",
        "name_ar": "سارة ميتشل",
        "role_en": "Press officer, broadcast and interviews",
        "role_ar": "مسؤولة صحفية للبث والمقابلات",
        "phone": "+966 11 555 0103",
        "languages_en": "English, Spanish",
        "languages_ar": "الإنجليزية والإسبانية",
        "order": 3,
    },
]


def load(*, now: datetime | None = None) -> None:
    """Create or update the demo releases, contacts, journalists and press
    kit, all or nothing."""
    with transaction.atomic():
        summit = Summit.objects.filter(slug=SUMMIT_SLUG).first()
        for spec in RELEASES:
            fields = {key: value for key, value in spec.items() if key != "slug"}
            # Announced long ago: no alert is due for them.
            announced = {
                "public_alerts_at": spec["published_at"],
                "embargo_alerts_at": spec["published_at"],
            }
            PressRelease.objects.update_or_create(
                slug=spec["slug"], defaults={**fields, **announced, "summit": summit}
            )
        for spec in CONTACTS:
            fields = {key: value for key, value in spec.items() if key != "email"}
            if spec["kind"] == MediaContact.Kind.DESK:
                MediaContact.objects.update_or_create(
                    kind=MediaContact.Kind.DESK, defaults={**fields, "email": spec["email"]}
                )
            else:
                MediaContact.objects.update_or_create(email=spec["email"], defaults=fields)
        press_office.load(now=now)
