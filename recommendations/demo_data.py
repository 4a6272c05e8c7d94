"""The communiqués' demo data: Riyadh 2020 (27 recommendations in four areas,
the endorsing cities FACTS.md names, a few follow-up updates) and a short one
for Tokyo 2019 with its 30 signatory cities, in English and Arabic.

The recommendations are a summary written for this site, not the official
text, and every communiqué here says so. The follow-up updates are examples
that show how follow-up is recorded; their notes say that too. Summits,
cities, themes and sessions are referred to by slug.
"""

from datetime import date

from recommendations.models import Status as S

INCLUSIVE = "inclusive-prosperous-communities"
CIRCULAR = "circular-carbon-neutral-economies"
NATURE = "nature-based-urban-solutions"

_SUMMARY_EN = (
    "The recommendations on this page are a summary in our own words, written for this site; "
    "they are not the official text of the communiqué."
)
_SUMMARY_AR = (
    "التوصيات الواردة في هذه الصفحة ملخص بصياغتنا الخاصة أُعدّ لهذا الموقع، وليست النص الرسمي للبيان."
)

# Each recommendation: (English, Arabic, theme slugs, session slugs). They are
# numbered 1..N in the order given, across the areas.
RIYADH_2020 = {
    "summit": "riyadh-2020",
    "title_en": "Communiqué of the U20 Mayors Summit, Riyadh 2020",
    "title_ar": "البيان الختامي لقمة عمداء مجموعة تواصل المجتمع الحضري U20، الرياض 2020",
    "preamble_en": (
        "Meeting online from Riyadh from 30 September to 2 October 2020, during the Saudi "
        "Presidency of the G20, mayors and city leaders agreed on a communiqué of 27 "
        "recommendations in four areas. It was endorsed by 39 mayors and city leaders, handed "
        "to the G20 on 2 October 2020 and raised to the G20 Leaders' Summit in Riyadh on 21 "
        "and 22 November 2020.\n\n"
        f"{_SUMMARY_EN} The endorsing cities listed below are those this site has recorded."
    ),
    "preamble_ar": (
        "اجتمع عمداء المدن وقادتها افتراضيًا من الرياض في الفترة من 30 سبتمبر إلى 2 أكتوبر "
        "2020، خلال رئاسة المملكة العربية السعودية لمجموعة العشرين، واتفقوا على بيان ختامي "
        "يضم 27 توصية موزعة على أربعة محاور. وقد أيّده 39 من العمداء وقادة المدن، وسُلّم إلى "
        "مجموعة العشرين في 2 أكتوبر 2020، ثم رُفع إلى قمة قادة مجموعة العشرين في الرياض يومي "
        "21 و22 نوفمبر 2020.\n\n"
        f"{_SUMMARY_AR} وتضم قائمة المدن المؤيدة أدناه المدن التي سجّلها هذا الموقع."
    ),
    "handed_over_on": date(2020, 10, 2),
    "handed_over_to_en": "the Saudi G20 Presidency",
    "handed_over_to_ar": "رئاسة المملكة العربية السعودية لمجموعة العشرين",
    "areas": [
        {
            "title_en": "Partner by investing in a green and just COVID-19 recovery",
            "title_ar": "الشراكة عبر الاستثمار في تعافٍ أخضر وعادل من جائحة كوفيد-19",
            "introduction_en": (
                "Cities ask the G20 to make the recovery from the pandemic a chance to build "
                "fairer and greener economies, with cities as partners in designing and "
                "delivering it."
            ),
            "introduction_ar": (
                "تدعو المدن مجموعة العشرين إلى أن تجعل التعافي من الجائحة فرصة لبناء اقتصادات "
                "أكثر عدلًا واستدامة، على أن تكون المدن شريكة في تصميمه وتنفيذه."
            ),
            "recommendations": [
                (
                    "Direct a significant share of national recovery funds to green projects "
                    "in cities that create many jobs, such as building retrofits, clean "
                    "transport and renewable energy.",
                    "توجيه حصة كبيرة من أموال التعافي الوطنية إلى مشاريع خضراء في المدن توفر "
                    "فرص عمل كثيرة، مثل إعادة تأهيل المباني والنقل النظيف والطاقة المتجددة.",
                    [CIRCULAR, INCLUSIVE],
                    ["equity-as-a-model-for-green-recovery", "opening-plenary"],
                ),
                (
                    "Give cities direct access to recovery and climate finance, including "
                    "loans and grants from multilateral development banks.",
                    "تمكين المدن من الوصول المباشر إلى تمويل التعافي والتمويل المناخي، بما في "
                    "ذلك قروض بنوك التنمية متعددة الأطراف ومنحها.",
                    [CIRCULAR],
                    ["equity-as-a-model-for-green-recovery"],
                ),
                (
                    "Attach climate and social conditions to public support for businesses, so "
                    "that the same money protects jobs and cuts emissions.",
                    "ربط الدعم العام المقدم للشركات بشروط مناخية واجتماعية، بحيث يحمي المال "
                    "نفسه الوظائف ويخفض الانبعاثات.",
                    [CIRCULAR, INCLUSIVE],
                    ["equity-as-a-model-for-green-recovery"],
                ),
                (
                    "Protect the essential and informal workers who kept cities running during "
                    "the pandemic, with fair pay and social protection.",
                    "حماية العاملين في الخدمات الأساسية وفي القطاع غير الرسمي الذين أبقوا المدن "
                    "تعمل خلال الجائحة، بأجور عادلة وحماية اجتماعية.",
                    [INCLUSIVE],
                    ["equity-as-a-model-for-green-recovery"],
                ),
                (
                    "Invest in public health systems and in the preparedness of cities for "
                    "future pandemics and crises.",
                    "الاستثمار في أنظمة الصحة العامة وفي جاهزية المدن للأوبئة والأزمات المقبلة.",
                    [INCLUSIVE],
                    ["cities-of-the-future-post-covid-19"],
                ),
                (
                    "Hold a standing dialogue between the G20 and cities, so that local "
                    "experience informs national and global recovery plans.",
                    "إقامة حوار دائم بين مجموعة العشرين والمدن، كي تسترشد خطط التعافي الوطنية "
                    "والعالمية بالتجارب المحلية.",
                    [INCLUSIVE],
                    ["opening-plenary", "closing-plenary"],
                ),
                (
                    "Share data and lessons from the pandemic between cities, with the support "
                    "of international organisations.",
                    "تبادل البيانات والدروس المستفادة من الجائحة بين المدن، بدعم من المنظمات "
                    "الدولية.",
                    [INCLUSIVE],
                    ["cities-of-the-future-post-covid-19"],
                ),
            ],
        },
        {
            "title_en": "Build inclusive and prosperous communities",
            "title_ar": "بناء مجتمعات شاملة ومزدهرة",
            "introduction_en": (
                "The pandemic hit hardest those who already had least. The recommendations in "
                "this area aim to put homes, work and public services within everyone's reach."
            ),
            "introduction_ar": (
                "أصابت الجائحة أشدَّ ما أصابت من كانوا أقل حظًا من قبل. وترمي توصيات هذا المحور "
                "إلى أن تكون المساكن وفرص العمل والخدمات العامة في متناول الجميع."
            ),
            "recommendations": [
                (
                    "Increase investment in affordable and social housing, and protect tenants "
                    "at risk of losing their homes.",
                    "زيادة الاستثمار في الإسكان الميسور والاجتماعي، وحماية المستأجرين المعرضين "
                    "لخطر فقدان مساكنهم.",
                    [INCLUSIVE],
                    ["urban-transformation-for-the-sdgs"],
                ),
                (
                    "Close the digital divide, so that every resident can reach public "
                    "services, school and work online.",
                    "سدّ الفجوة الرقمية، كي يتمكن كل ساكن من الوصول إلى الخدمات العامة والتعليم "
                    "والعمل عبر الإنترنت.",
                    [INCLUSIVE],
                    [
                        "cities-of-the-future-post-covid-19",
                        "smart-inclusive-and-accessible-cities",
                    ],
                ),
                (
                    "Design streets, transport and digital services so that persons with "
                    "disabilities and older people can use them.",
                    "تصميم الشوارع ووسائل النقل والخدمات الرقمية بحيث يستطيع الأشخاص ذوو "
                    "الإعاقة وكبار السن استخدامها.",
                    [INCLUSIVE],
                    ["smart-inclusive-and-accessible-cities"],
                ),
                (
                    "Support small businesses and local entrepreneurs, especially those led by "
                    "women and young people.",
                    "دعم المنشآت الصغيرة ورواد الأعمال المحليين، ولا سيما المشاريع التي تقودها "
                    "النساء والشباب.",
                    [INCLUSIVE],
                    [],
                ),
                (
                    "Include migrants and refugees in local recovery plans and in public services.",
                    "إشراك المهاجرين واللاجئين في خطط التعافي المحلية وفي الخدمات العامة.",
                    [INCLUSIVE],
                    ["living-together-in-a-pandemic"],
                ),
                (
                    "Invest in skills and training for the jobs of a green and digital economy.",
                    "الاستثمار في المهارات والتدريب على وظائف الاقتصاد الأخضر والرقمي.",
                    [INCLUSIVE, CIRCULAR],
                    [],
                ),
                (
                    "Strengthen social cohesion by involving residents in the decisions that "
                    "shape their neighbourhoods.",
                    "تعزيز التماسك الاجتماعي بإشراك السكان في القرارات التي ترسم ملامح أحيائهم.",
                    [INCLUSIVE],
                    ["living-together-in-a-pandemic"],
                ),
            ],
        },
        {
            "title_en": "Move towards circular, carbon-neutral economies",
            "title_ar": "التحول نحو اقتصادات دائرية محايدة كربونيًا",
            "introduction_en": (
                "A large share of the world's emissions comes from cities, and so can a large "
                "share of the solution. These recommendations concern energy, buildings, "
                "transport, waste and new technology."
            ),
            "introduction_ar": (
                "يصدر جزء كبير من الانبعاثات العالمية عن المدن، ومنها أيضًا يمكن أن يأتي جزء "
                "كبير من الحل. وتتناول هذه التوصيات الطاقة والمباني والنقل والنفايات والتقنيات "
                "الحديثة."
            ),
            "recommendations": [
                (
                    "Align national climate plans with the goals of the Paris Agreement and "
                    "with the targets that cities have set for themselves.",
                    "مواءمة الخطط المناخية الوطنية مع أهداف اتفاق باريس ومع الأهداف التي وضعتها "
                    "المدن لنفسها.",
                    [CIRCULAR],
                    ["closing-plenary"],
                ),
                (
                    "Speed up the move to clean electricity and the retrofitting of existing "
                    "buildings to use less energy.",
                    "تسريع التحول إلى الكهرباء النظيفة وإعادة تأهيل المباني القائمة لتستهلك "
                    "طاقة أقل.",
                    [CIRCULAR],
                    ["energy-and-buildings-transition-in-100-cities"],
                ),
                (
                    "Make public transport, walking and cycling the first choice for getting "
                    "around, and fund them as essential services.",
                    "جعل النقل العام والمشي وركوب الدراجات الخيار الأول للتنقل، وتمويلها بوصفها "
                    "خدمات أساسية.",
                    [CIRCULAR, INCLUSIVE],
                    ["public-transport-building-back-better"],
                ),
                (
                    "Support the shift to zero-emission vehicles, starting with buses and the "
                    "fleets that cities run.",
                    "دعم التحول إلى المركبات عديمة الانبعاثات، بدءًا بالحافلات وأساطيل المركبات "
                    "التي تديرها المدن.",
                    [CIRCULAR],
                    ["public-transport-building-back-better"],
                ),
                (
                    "Reduce waste and keep materials in use for longer, through circular public "
                    "purchasing and repair.",
                    "الحد من النفايات وإطالة عمر المواد من خلال المشتريات العامة الدائرية "
                    "والإصلاح.",
                    [CIRCULAR],
                    [],
                ),
                (
                    "Cut food loss and waste, and support sustainable local food systems.",
                    "خفض الفاقد والمهدر من الغذاء، ودعم النظم الغذائية المحلية المستدامة.",
                    [CIRCULAR, NATURE],
                    [],
                ),
                (
                    "Use new technology responsibly, including smart-city tools and urban air "
                    "mobility, under clear rules that protect privacy and safety.",
                    "توظيف التقنيات الحديثة بمسؤولية، ومنها أدوات المدن الذكية والتنقل الجوي "
                    "الحضري، وفق قواعد واضحة تحمي الخصوصية والسلامة.",
                    [CIRCULAR],
                    [
                        "smart-inclusive-and-accessible-cities",
                        "urban-air-mobility-and-liberalizing-the-skies",
                    ],
                ),
            ],
        },
        {
            "title_en": "Protect and restore nature in cities",
            "title_ar": "حماية الطبيعة في المدن واستعادتها",
            "introduction_en": (
                "Nature is part of a city's infrastructure: it cools the streets, holds back "
                "floodwater and keeps people healthy."
            ),
            "introduction_ar": (
                "الطبيعة جزء من البنية التحتية للمدينة، فهي تلطّف حرارة الشوارع وتحدّ من السيول "
                "وتحافظ على صحة الناس."
            ),
            "recommendations": [
                (
                    "Increase green space and tree cover, so that every resident lives a short "
                    "walk from a park.",
                    "زيادة المساحات الخضراء والغطاء الشجري، بحيث يعيش كل ساكن على مسافة قصيرة "
                    "سيرًا على الأقدام من حديقة عامة.",
                    [NATURE],
                    [],
                ),
                (
                    "Count nature-based solutions as infrastructure in public investment and in "
                    "the lending rules of development banks.",
                    "احتساب الحلول القائمة على الطبيعة ضمن البنية التحتية في الاستثمار العام وفي "
                    "قواعد الإقراض لدى بنوك التنمية.",
                    [NATURE],
                    ["urban-transformation-for-the-sdgs"],
                ),
                (
                    "Protect cities from heat, floods and drought by restoring wetlands, rivers "
                    "and coasts.",
                    "حماية المدن من موجات الحر والفيضانات والجفاف باستعادة الأراضي الرطبة "
                    "والأنهار والسواحل.",
                    [NATURE],
                    [],
                ),
                (
                    "Improve air quality with clear targets, measured and published openly.",
                    "تحسين جودة الهواء وفق أهداف واضحة تُقاس نتائجها وتُنشر علنًا.",
                    [NATURE, CIRCULAR],
                    [],
                ),
                (
                    "Protect urban biodiversity and link green areas with ecological corridors.",
                    "حماية التنوع الحيوي في المدن وربط المناطق الخضراء بممرات بيئية.",
                    [NATURE],
                    [],
                ),
                (
                    "Involve local communities in caring for the nature in their "
                    "neighbourhoods, and share its benefits fairly.",
                    "إشراك المجتمعات المحلية في رعاية الطبيعة في أحيائها، وتوزيع منافعها بإنصاف.",
                    [NATURE, INCLUSIVE],
                    [],
                ),
            ],
        },
    ],
    # City slug, then the signatory (English, Arabic) and title, where known.
    "endorsements": [
        ("barcelona", None),
        ("berlin", None),
        ("buenos-aires", None),
        ("london", None),
        ("los-angeles", None),
        ("madrid", None),
        ("montreal", None),
        ("osaka", None),
        ("paris", None),
        ("rome", ("Virginia Raggi", "فيرجينيا راجي", "Mayor of Rome", "عمدة روما")),
        ("seoul", None),
        ("tokyo", ("Yuriko Koike", "يوريكو كويكي", "Governor of Tokyo", "حاكمة طوكيو")),
    ],
}

_EXAMPLE_EN = (
    "Example update for the demonstration site: it shows how follow-up is recorded and does "
    "not describe real events."
)
_EXAMPLE_AR = "تحديث توضيحي لموقع العرض: يبيّن طريقة توثيق المتابعة، ولا يصف أحداثًا وقعت فعلًا."
_RAISED_EN = (
    "The communiqué was raised to the G20 Leaders' Summit in Riyadh on 21 and 22 November "
    "2020. Recording this recommendation as acknowledged is an example for the demonstration "
    "site, not an official assessment."
)
_RAISED_AR = (
    "رُفع البيان الختامي إلى قمة قادة مجموعة العشرين في الرياض يومي 21 و22 نوفمبر 2020. "
    "وإدراج هذه التوصية على أنها حظيت باعتراف المجموعة مثال توضيحي لموقع العرض، وليس تقييمًا "
    "رسميًا."
)

# Recommendation number, date, status, note (English, Arabic).
RIYADH_2020_UPDATES = [
    (1, date(2020, 11, 22), S.ACKNOWLEDGED, _RAISED_EN, _RAISED_AR),
    (6, date(2020, 11, 22), S.ACKNOWLEDGED, _RAISED_EN, _RAISED_AR),
    (6, date(2021, 6, 30), S.IN_PROGRESS, _EXAMPLE_EN, _EXAMPLE_AR),
    (16, date(2021, 3, 1), S.IN_PROGRESS, _EXAMPLE_EN, _EXAMPLE_AR),
    (17, date(2022, 5, 1), S.IMPLEMENTED, _EXAMPLE_EN, _EXAMPLE_AR),
    (22, date(2021, 9, 1), S.IN_PROGRESS, _EXAMPLE_EN, _EXAMPLE_AR),
    (25, date(2022, 1, 15), S.NOT_TAKEN_UP, _EXAMPLE_EN, _EXAMPLE_AR),
]

TOKYO_2019 = {
    "summit": "tokyo-2019",
    "title_en": "Communiqué of the Tokyo Mayors Summit, 2019",
    "title_ar": "البيان الختامي لقمة عمداء مجموعة تواصل المجتمع الحضري في طوكيو 2019",
    "preamble_en": (
        "Chaired by Tokyo Governor Yuriko Koike in the year of Japan's G20 Presidency, the "
        "summit agreed on a communiqué on climate action, social inclusion and sustainable "
        "economic growth. Thirty cities signed it, and it was handed to Prime Minister Shinzo "
        "Abe.\n\n"
        "The recommendations on this page are a short summary in our own words, written for "
        "this site; they are not the official text of the communiqué."
    ),
    "preamble_ar": (
        "برئاسة حاكمة طوكيو يوريكو كويكي، في عام رئاسة اليابان لمجموعة العشرين، اتفقت القمة "
        "على بيان ختامي يتناول العمل المناخي والإدماج الاجتماعي والنمو الاقتصادي المستدام. "
        "ووقّعت عليه ثلاثون مدينة، وسُلّم إلى رئيس الوزراء الياباني شينزو آبي.\n\n"
        "التوصيات الواردة في هذه الصفحة ملخص قصير بصياغتنا الخاصة أُعدّ لهذا الموقع، وليست "
        "النص الرسمي للبيان."
    ),
    "handed_over_on": None,
    "handed_over_to_en": "Prime Minister Shinzo Abe of Japan",
    "handed_over_to_ar": "رئيس الوزراء الياباني شينزو آبي",
    "areas": [
        {
            "title_en": "Climate action",
            "title_ar": "العمل المناخي",
            "introduction_en": "",
            "introduction_ar": "",
            "recommendations": [
                (
                    "Cut emissions in line with the Paris Agreement, with national governments "
                    "backing the climate plans of their cities.",
                    "خفض الانبعاثات بما يتوافق مع اتفاق باريس، مع دعم الحكومات الوطنية للخطط "
                    "المناخية لمدنها.",
                    [CIRCULAR],
                    [],
                ),
                (
                    "Open up climate finance to cities for clean energy, buildings and transport.",
                    "إتاحة التمويل المناخي للمدن من أجل الطاقة النظيفة والمباني والنقل.",
                    [CIRCULAR],
                    [],
                ),
            ],
        },
        {
            "title_en": "Social inclusion",
            "title_ar": "الإدماج الاجتماعي",
            "introduction_en": "",
            "introduction_ar": "",
            "recommendations": [
                (
                    "Make sure no resident is left behind, whatever their origin, income, "
                    "gender or ability.",
                    "ضمان ألّا يتخلف أي ساكن عن الركب، أيًّا كان أصله أو دخله أو جنسه أو قدرته.",
                    [INCLUSIVE],
                    [],
                ),
                (
                    "Improve access to affordable housing and to public services.",
                    "تحسين الوصول إلى المساكن الميسورة التكلفة وإلى الخدمات العامة.",
                    [INCLUSIVE],
                    [],
                ),
            ],
        },
        {
            "title_en": "Sustainable economic growth",
            "title_ar": "النمو الاقتصادي المستدام",
            "introduction_en": "",
            "introduction_ar": "",
            "recommendations": [
                (
                    "Create decent jobs through investment in sustainable urban infrastructure.",
                    "إيجاد فرص عمل لائقة من خلال الاستثمار في البنية التحتية الحضرية المستدامة.",
                    [INCLUSIVE, CIRCULAR],
                    [],
                ),
                (
                    "Give cities a stronger voice in the G20, so that urban experience informs "
                    "global economic decisions.",
                    "منح المدن صوتًا أقوى في مجموعة العشرين، كي تسترشد القرارات الاقتصادية "
                    "العالمية بالتجربة الحضرية.",
                    [INCLUSIVE],
                    [],
                ),
            ],
        },
    ],
    "endorsements": [
        ("amsterdam", None),
        ("berlin", None),
        ("brussels", None),
        ("buenos-aires", None),
        ("chicago", None),
        ("christchurch", None),
        ("durban", None),
        ("hamburg", None),
        ("helsinki", None),
        ("houston", None),
        ("jakarta", None),
        ("johannesburg", None),
        ("london", None),
        ("los-angeles", None),
        ("madrid", None),
        ("mexico-city", None),
        ("milan", None),
        ("montreal", None),
        ("new-york", None),
        ("osaka", None),
        ("paris", None),
        ("port-vila", None),
        ("rio-de-janeiro", None),
        ("rome", None),
        ("rotterdam", None),
        ("sao-paulo", None),
        ("seoul", None),
        ("sydney", None),
        ("tokyo", ("Yuriko Koike", "يوريكو كويكي", "Governor of Tokyo", "حاكمة طوكيو")),
        ("tshwane", None),
    ],
}

COMMUNIQUES = [(TOKYO_2019, []), (RIYADH_2020, RIYADH_2020_UPDATES)]
