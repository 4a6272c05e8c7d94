"""Demo data for the press office's newer half: a release under embargo
that lifts a day after the demo is loaded, two accredited journalists and
one application waiting for review (all sample data, example.org
addresses), and a press kit for the 2020 summit whose logos, photos and
fact sheet the loader draws itself with Pillow and prints with WeasyPrint.
Every text is written for the demo, in English and Arabic. Safe to run
again: files are drawn only when missing."""

import io
import math
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from media_contacts import alerts, presskits
from media_contacts.models import (
    Accreditation,
    AccreditationChange,
    PressKit,
    PressKitItem,
    PressRelease,
    accreditation_expiry,
    new_reference,
)
from sessions.models import Participant
from u20.demo_data import PRACTICE_SLUG
from u20.models import Summit
from u20.printing import document_html, pdf_from_html

SUMMIT_SLUG = "riyadh-2020"
EMBARGOED_SLUG = "practice-edition-follow-up-report"
GREEN, SAND, NIGHT = (11, 90, 74), (222, 196, 150), (20, 34, 52)

EMBARGOED = {
    "title_en": "Practice edition: cities report on their first year of follow-up (sample)",
    "title_ar": "الدورة التجريبية: المدن تعرض حصيلة عامها الأول في متابعة التوصيات (نموذج)",
    "summary_en": (
        "A sample release under embargo: accredited journalists can read it now, everyone "
        "else once the embargo lifts."
    ),
    "summary_ar": (
        "بيان نموذجي محظور النشر: يطّلع عليه الصحفيون المعتمدون الآن، ويطّلع عليه الجميع "
        "عند انتهاء الحظر."
    ),
    "body_en": """This release is **sample data** for the practice edition. It shows how
the newsroom handles an embargo.

Cities taking part in the practice edition have reported on each
recommendation they endorsed: what they have done, what is under way and
what has not started. The communiqué pages now show each recommendation's
status and the updates behind it.

- Accredited journalists receive this text at its publication time, by email
  and in their private feed, marked with the time the embargo ends.
- Everyone else sees it in the newsroom, the public feed and the API from
  that moment on, without anyone pressing a button.

Journalists can ask the media team for interviews with the mayors who report
their progress.""",
    "body_ar": """هذا البيان **بيانات نموذجية** للدورة التجريبية، يبيّن كيف يتعامل
المركز الإعلامي مع حظر النشر.

عرضت المدن المشاركة في الدورة التجريبية ما أنجزته في كل توصية أيّدتها: ما نُفّذ، وما
هو قيد التنفيذ، وما لم يبدأ بعد. وتعرض صفحات البيان الختامي الآن حالة كل توصية
والتحديثات التي تستند إليها.

- يتسلّم الصحفيون المعتمدون هذا النص في وقت إصداره، بالبريد الإلكتروني وفي موجزهم
  الخاص، مع بيان الوقت الذي ينتهي فيه الحظر.
- ويراه الجميع في المركز الإعلامي والموجز العام وواجهة البرمجة ابتداءً من تلك
  اللحظة، دون أن يضطر أحد إلى الضغط على أي زر.

ويمكن للصحفيين طلب مقابلات مع العمداء الذين يعرضون ما أحرزوه من تقدم.""",
}

# Fictional journalists: invented names, example.org addresses, made-up numbers.
JOURNALISTS = [
    {
        "email": "layla.haddad@example.org",
        "name": "Layla Haddad",
        "outlet": "Gulf Cities Review (sample)",
        "role": "Urban affairs correspondent",
        "country": "Jordan",
        "phone": "+962 6 555 0142",
        "work_link": "https://news.example.org/authors/layla-haddad",
        "language": "ar",
        "status": Accreditation.Status.APPROVED,
    },
    {
        "email": "daniel.moreau@example.org",
        "name": "Daniel Moreau",
        "outlet": "Metropolitan Weekly (sample)",
        "role": "Europe editor",
        "country": "France",
        "phone": "+33 1 55 55 01 23",
        "work_link": "https://weekly.example.org/daniel-moreau",
        "language": "en",
        "status": Accreditation.Status.APPROVED,
    },
    {
        "email": "aiko.tanaka@example.org",
        "name": "Aiko Tanaka",
        "outlet": "Pacific Urban Radio (sample)",
        "role": "Producer",
        "country": "Japan",
        "phone": "+81 3 5555 0188",
        "work_link": "https://radio.example.org/aiko-tanaka",
        "language": "en",
        "status": Accreditation.Status.SUBMITTED,
    },
]

KIT = {
    "slug": "riyadh-2020-press-kit",
    "title_en": "Press kit: U20 Mayors Summit, Riyadh 2020",
    "title_ar": "الحقيبة الإعلامية: قمة عمداء مجموعة تواصل المجتمع الحضري، الرياض 2020",
    "description_en": (
        "Logos, photos and a fact sheet of the 2020 summit. The images in this demo are "
        "drawn by the demo loader; they stand for the ones a secretariat would publish."
    ),
    "description_ar": (
        "شعارات وصور وورقة حقائق عن قمة عام 2020. رسم مُحمِّلُ البيانات النموذجية صور هذا "
        "العرض بنفسه، وهي تقوم مقام ما تنشره الأمانة العامة فعلاً."
    ),
}

ITEMS = [
    {
        "kind": PressKitItem.Kind.LOGO,
        "draw": "logo_svg",
        "title_en": "U20 logo (vector)",
        "title_ar": "شعار المجموعة (متجه)",
        "alt_en": "The letters U20 in white on a green disc",
        "alt_ar": "الحروف U20 باللون الأبيض على قرص أخضر",
        "licence_en": "For editorial use about the U20",
        "licence_ar": "للاستخدام التحريري في ما يخص المجموعة",
    },
    {
        "kind": PressKitItem.Kind.LOGO,
        "draw": "logo_png",
        "title_en": "U20 logo (PNG)",
        "title_ar": "شعار المجموعة (PNG)",
        "alt_en": "The letters U20 in white on a green square",
        "alt_ar": "الحروف U20 باللون الأبيض على مربع أخضر",
        "licence_en": "For editorial use about the U20",
        "licence_ar": "للاستخدام التحريري في ما يخص المجموعة",
    },
    {
        "kind": PressKitItem.Kind.PHOTO,
        "draw": "skyline",
        "title_en": "Riyadh skyline at dusk (illustration)",
        "title_ar": "أفق الرياض عند الغروب (رسم توضيحي)",
        "caption_en": "The host city of the 2020 summit, which met online from Riyadh.",
        "caption_ar": "المدينة المستضيفة لقمة عام 2020، التي انعقدت افتراضياً من الرياض.",
        "credit_en": "Illustration: U20 demo data",
        "credit_ar": "رسم توضيحي: بيانات المجموعة النموذجية",
        "licence_en": "CC BY 4.0",
        "licence_ar": "CC BY 4.0",
        "alt_en": "Towers in silhouette against an orange and purple evening sky",
        "alt_ar": "أبراج تظهر ظلالها على سماء مسائية برتقالية وبنفسجية",
    },
    {
        "kind": PressKitItem.Kind.PHOTO,
        "draw": "screens",
        "title_en": "Mayors on screen (illustration)",
        "title_ar": "العمداء على الشاشة (رسم توضيحي)",
        "caption_en": "A grid of video windows, as mayors met online for three days.",
        "caption_ar": "شبكة من نوافذ الفيديو، إذ التقى العمداء عبر الإنترنت ثلاثة أيام.",
        "credit_en": "Illustration: U20 demo data",
        "credit_ar": "رسم توضيحي: بيانات المجموعة النموذجية",
        "licence_en": "CC BY 4.0",
        "licence_ar": "CC BY 4.0",
        "alt_en": "Twelve coloured video windows arranged in a grid",
        "alt_ar": "اثنتا عشرة نافذة فيديو ملوّنة مرتبة في شبكة",
    },
    {
        "kind": PressKitItem.Kind.FACT_SHEET,
        "draw": "fact_sheet",
        "title_en": "Fact sheet: the 2020 summit in figures",
        "title_ar": "ورقة حقائق: قمة 2020 بالأرقام",
    },
]

FACTS = [
    ("Dates", "التاريخ", "30 September – 2 October 2020", "30 سبتمبر – 2 أكتوبر 2020"),
    ("Host", "المستضيف", "Riyadh, online", "الرياض، افتراضياً"),
    ("Cities in the 2020 cycle", "المدن المشاركة في دورة 2020", "42", "42"),
    ("Knowledge partners", "الشركاء المعرفيون", "30", "30"),
    ("White papers", "الأوراق البيضاء", "15", "15"),
    ("Recommendations to the G20", "التوصيات إلى مجموعة العشرين", "27", "27"),
    ("Mayors and city leaders endorsing", "العمداء والقادة المحليون المؤيدون", "39", "39"),
]


# Drawing -------------------------------------------------------------------------


def _jpeg(image: Image.Image) -> ContentFile:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=88)
    return ContentFile(buffer.getvalue(), name="photo.jpg")


def logo_svg() -> ContentFile:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200">'
        '<title>U20</title><circle cx="100" cy="100" r="96" fill="#0b5a4a"/>'
        '<text x="100" y="122" font-family="DejaVu Sans, sans-serif" font-size="64" '
        'font-weight="bold" text-anchor="middle" fill="#ffffff">U20</text></svg>'
    )
    return ContentFile(svg.encode(), name="logo.svg")


def logo_png() -> ContentFile:
    size = 1600
    image = Image.new("RGB", (size, size), GREEN)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=520)
    left, top, right, bottom = draw.textbbox((0, 0), "U20", font=font)
    position = ((size - (right - left)) / 2 - left, (size - (bottom - top)) / 2 - top)
    draw.text(position, "U20", font=font, fill="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="logo.png")


def skyline() -> ContentFile:
    width, height = 2400, 1600
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):  # evening sky: purple above, orange at the horizon
        t = y / height
        draw.line(
            [(0, y), (width, y)], fill=(int(70 + 180 * t), int(40 + 90 * t), int(110 - 60 * t))
        )
    ground = int(height * 0.78)
    towers = [
        (120, 260, 520),
        (420, 180, 780),
        (640, 220, 610),
        (900, 160, 940),
        (1080, 300, 700),
        (1420, 200, 860),
        (1660, 260, 560),
        (1960, 180, 720),
        (2160, 200, 480),
    ]
    for left, tower_width, tower_height in towers:
        draw.rectangle([left, ground - tower_height, left + tower_width, ground], fill=NIGHT)
    # A tower with a sky bridge near its top, and lit windows.
    draw.polygon([(900, ground - 940), (980, ground - 1120), (1060, ground - 940)], fill=NIGHT)
    for left, tower_width, tower_height in towers:
        for row in range(ground - tower_height + 40, ground - 20, 60):
            for column in range(left + 20, left + tower_width - 20, 50):
                if (row + column) % 7 < 3:
                    draw.rectangle([column, row, column + 18, row + 26], fill=SAND)
    draw.rectangle([0, ground, width, height], fill=(30, 28, 36))
    return _jpeg(image)


def screens() -> ContentFile:
    width, height = 2400, 1600
    image = Image.new("RGB", (width, height), (236, 240, 238))
    draw = ImageDraw.Draw(image)
    columns, rows, gap = 4, 3, 40
    cell_w = (width - gap * (columns + 1)) // columns
    cell_h = (height - gap * (rows + 1)) // rows
    for index in range(columns * rows):
        column, row = index % columns, index // columns
        x, y = gap + column * (cell_w + gap), gap + row * (cell_h + gap)
        hue = index / (columns * rows)
        colour = tuple(
            int(120 + 100 * math.sin(2 * math.pi * (hue + shift))) for shift in (0, 1 / 3, 2 / 3)
        )
        draw.rounded_rectangle([x, y, x + cell_w, y + cell_h], radius=24, fill=colour)
        cx, cy = x + cell_w // 2, y + cell_h // 2
        draw.ellipse([cx - 70, cy - 120, cx + 70, cy + 20], fill=(250, 244, 232))
        draw.rounded_rectangle(
            [cx - 140, cy + 40, cx + 140, cy + 200], radius=60, fill=(250, 244, 232)
        )
    return _jpeg(image)


def fact_sheet() -> ContentFile:
    html = document_html("media_contacts/fact_sheet_pdf.html", {"facts": FACTS})
    return ContentFile(pdf_from_html(html), name="fact-sheet.pdf")


DRAWINGS = {
    "logo_svg": logo_svg,
    "logo_png": logo_png,
    "skyline": skyline,
    "screens": screens,
    "fact_sheet": fact_sheet,
}


# Loading -------------------------------------------------------------------------


def _journalist(spec: dict, summit: Summit, now: datetime) -> Accreditation:
    users = get_user_model().objects
    user = users.filter(email=spec["email"]).first()
    if user is None:
        user = users.create_user(username=spec["email"].split("@")[0], email=spec["email"])
        # Sample people sign in nowhere.
        user.set_unusable_password()
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=spec["email"], defaults={"verified": True, "primary": True}
    )
    Participant.objects.update_or_create(
        user=user,
        defaults={
            "full_name": spec["name"],
            "organisation": spec["outlet"],
            "country": spec["country"],
            "language": spec["language"],
            "role": Participant.Role.MEDIA,
            "time_zone": "Asia/Riyadh",
        },
    )
    fields = {
        k: spec[k] for k in ("name", "outlet", "role", "country", "phone", "work_link", "language")
    }
    status = spec["status"]
    accreditation, created = Accreditation.objects.update_or_create(
        user=user,
        summit=summit,
        defaults={
            **fields,
            "email": spec["email"],
            "status": status,
            "expires_at": accreditation_expiry(summit)
            if status == Accreditation.Status.APPROVED
            else None,
        },
        create_defaults={
            **fields,
            "email": spec["email"],
            "status": status,
            "reference": new_reference(prefix="PRESS"),
            "created_at": now - timedelta(days=2),
            "expires_at": accreditation_expiry(summit)
            if status == Accreditation.Status.APPROVED
            else None,
        },
    )
    if created:
        AccreditationChange.objects.create(
            accreditation=accreditation,
            from_status="",
            to_status="submitted",
            at=now - timedelta(days=2),
        )
        if status == Accreditation.Status.APPROVED:
            AccreditationChange.objects.create(
                accreditation=accreditation,
                from_status="submitted",
                to_status="approved",
                at=now - timedelta(days=1),
                message="Welcome to the practice edition. / أهلاً بكم في الدورة التجريبية.",
                emailed=False,
            )
    return accreditation


def _press_kit(summit: Summit | None) -> PressKit:
    kit, _created = PressKit.objects.update_or_create(
        slug=KIT["slug"],
        defaults={**{k: v for k, v in KIT.items() if k != "slug"}, "summit": summit},
    )
    for order, spec in enumerate(ITEMS):
        texts = {k: v for k, v in spec.items() if k not in ("kind", "draw")}
        item = kit.items.filter(order=order).first() or PressKitItem(kit=kit, order=order)
        item.kind = spec["kind"]
        for name, value in texts.items():
            setattr(item, name, value)
        if item.file and item.file.storage.exists(item.file.name):
            item.save()
        else:
            presskits.store(item, DRAWINGS[spec["draw"]]())
    return kit


def load(*, now: datetime | None = None) -> None:
    """The embargoed release, the journalists and the press kit. Called by
    media_contacts.demo.load inside its transaction."""
    now = now or timezone.now()
    practice = Summit.objects.filter(slug=PRACTICE_SLUG).first()
    riyadh = Summit.objects.filter(slug=SUMMIT_SLUG).first()
    # Out for accredited journalists an hour ago; public a day after loading.
    release, _created = PressRelease.objects.update_or_create(
        slug=EMBARGOED_SLUG,
        defaults={
            **EMBARGOED,
            "summit": practice,
            "published_at": now - timedelta(hours=1),
            "embargo_until": now + timedelta(days=1),
            "public_alerts_at": None,
            # Sample journalists have example.org addresses: nothing to send.
            "embargo_alerts_at": now,
        },
    )
    # Whoever subscribes to alerts meanwhile hears of it when the embargo lifts.
    transaction.on_commit(lambda: alerts.schedule(release))
    if practice is not None:
        for spec in JOURNALISTS:
            _journalist(spec, practice, now)
    if riyadh is not None:
        _press_kit(riyadh)
