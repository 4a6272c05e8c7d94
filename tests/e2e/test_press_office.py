"""The press office from end to end, in English and in Arabic: a journalist
applies for accreditation (and is told what to fix first), a member of the
media team approves them in the admin, the journalist reads a release under
embargo that an anonymous visitor cannot find, downloads the badge and the
press kit, and subscribes to release alerts. Every page is scanned with axe."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from media_contacts import presskits
from media_contacts.models import Accreditation, AlertSubscription, PressKit, PressKitItem
from tests.e2e.conftest import LANGUAGES, assert_accessible, browser_page, sign_in_to_admin
from tests.e2e.test_registration import log_in
from tests.factories import make_participant
from tests.images import jpeg_with_gps_and_html
from tests.media_contacts.factories import make_open_summit, make_release, make_staff
from tests.translations import translated
from u20.models import OutgoingEmail
from u20.roles import MEDIA_TEAM, sync_roles

pytestmark = pytest.mark.browser

TITLES = {"en": "Cities agree a water plan", "ar": "المدن تتفق على خطة للمياه"}


def embargoed_release_with_kit(summit):
    now = timezone.now()
    release = make_release(
        slug="water-plan",
        summit=summit,
        title_en=TITLES["en"],
        title_ar=TITLES["ar"],
        published_at=now - timedelta(hours=1),
        embargo_until=now + timedelta(days=1),
    )
    kit = PressKit.objects.create(
        release=release,
        slug="water-plan-kit",
        title_en="Water plan kit",
        title_ar="حقيبة خطة المياه",
    )
    presskits.store(
        PressKitItem(
            kit=kit,
            kind="photo",
            title_en="Reservoir",
            title_ar="خزان المياه",
            caption_en="A city reservoir.",
            caption_ar="خزان مياه في مدينة.",
            credit_en="Photo: U20",
            credit_ar="تصوير: U20",
            alt_en="Water behind a dam",
            alt_ar="مياه خلف سد",
        ),
        jpeg_with_gps_and_html(),
    )
    return release


@pytest.mark.parametrize("lang", LANGUAGES)
def test_journalist_is_accredited_reads_under_embargo_downloads_the_kit_and_subscribes(
    page, browser, live_server, lang
):
    sync_roles()
    summit = make_open_summit(name_en="Practice summit", name_ar="القمة التجريبية")
    embargoed_release_with_kit(summit)
    journalist = make_participant(full_name="Layla Haddad", language=lang)
    direction = "rtl" if lang == "ar" else "ltr"

    # The journalist applies; a wrong phone number is explained, nothing typed is lost.
    log_in(page, lang, journalist)
    page.goto(f"/{lang}/media/accreditation/")
    expect(page.locator("html")).to_have_attribute("dir", direction)
    assert_accessible(page)
    page.locator("#id_outlet").fill("Gulf Cities Review")
    page.locator("#id_role").fill("Correspondent")
    page.locator("#id_country").fill("Jordan")
    page.locator("#id_phone").fill("call me")
    page.locator("#id_work_link").fill("https://news.example.org/layla")
    page.locator("#id_consent").check()
    page.get_by_role("button", name=translated(lang, "Send my request")).click()
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.locator("#id_outlet")).to_have_value("Gulf Cities Review")
    assert_accessible(page)
    page.locator("#id_phone").fill("+962 6 555 0142")
    page.locator("#id_consent").check()
    page.get_by_role("button", name=translated(lang, "Send my request")).click()
    accreditation = Accreditation.objects.get()
    expect(page.get_by_text(accreditation.reference).first).to_be_visible()
    assert_accessible(page)

    # A member of the media team approves it.
    with browser_page(browser, live_server, timezone_id="Asia/Riyadh", locale="en-GB") as admin:
        member = make_staff(superuser=False)
        member.groups.add(Group.objects.get(name=MEDIA_TEAM))
        sign_in_to_admin(admin, member)
        admin.goto(f"/admin/media_contacts/accreditation/{accreditation.pk}/change/")
        expect(admin.get_by_text("Gulf Cities Review").first).to_be_visible()
        assert_accessible(admin)
        admin.locator("#id_decision").select_option("approved")
        admin.locator("#id_message").fill("Welcome to the summit.")
        admin.locator("input[name=_continue]").click()
        admin.wait_for_url(f"**/accreditation/{accreditation.pk}/change/")
    accreditation.refresh_from_db()
    assert accreditation.status == "approved"

    # Accredited: the badge, then the release under embargo.
    page.goto(f"/{lang}/media/accreditation/")
    expect(page.get_by_role("heading", name=translated(lang, "You are accredited"))).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as badge:
        page.get_by_role("link", name=translated(lang, "Download my press badge (PDF)")).click()
    assert badge.value.path().read_bytes().startswith(b"%PDF-")
    # Where the badge's QR code leads.
    page.goto(f"/{lang}/media/accreditation/check/{accreditation.reference}/")
    expect(page.locator(".status-ok")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("dir", direction)
    assert_accessible(page)

    page.goto(f"/{lang}/media/")
    page.get_by_role("link", name=TITLES[lang]).click()
    page.wait_for_url(f"**/{lang}/media/releases/water-plan/")
    notice = page.locator(".embargo-notice")
    expect(notice).to_contain_text("EMBARGOED UNTIL")
    expect(notice.locator("p[lang=ar]")).to_have_attribute("dir", "rtl")
    assert_accessible(page)

    # Nobody else finds it, nor its kit.
    with browser_page(
        browser, live_server, timezone_id="Europe/London", locale="en-GB"
    ) as anonymous:
        answer = anonymous.goto(f"/{lang}/media/releases/water-plan/")
        assert answer.status == 404
        assert anonymous.goto(f"/{lang}/media/press-kits/water-plan-kit/").status == 404
        anonymous.goto(f"/{lang}/media/")
        expect(anonymous.get_by_role("link", name=TITLES[lang])).to_have_count(0)

    # The release's press kit, whole, with the photo's EXIF gone.
    page.get_by_role("link", name=translated(lang, "Press kit for this release")).click()
    page.wait_for_url(f"**/{lang}/media/press-kits/water-plan-kit/")
    assert_accessible(page)
    with page.expect_download() as kit:
        page.get_by_role("link", name=translated(lang, "Download the whole kit (ZIP)")).click()
    archive = zipfile.ZipFile(io.BytesIO(kit.value.path().read_bytes()))
    (photo_name,) = [name for name in archive.namelist() if name.startswith("photos/")]
    with Image.open(io.BytesIO(archive.read(photo_name))) as photo:
        assert not photo.getexif()

    # Release alerts: asked for, confirmed from the emailed link.
    page.goto(f"/{lang}/media/")
    page.get_by_role("link", name=translated(lang, "Get release alerts by email")).click()
    assert_accessible(page)
    page.get_by_label(translated(lang, "Your email address")).fill(f"alerts-{lang}@example.org")
    page.get_by_role("button", name=translated(lang, "Send me the confirmation link")).click()
    expect(page.get_by_role("status")).to_be_visible()
    assert_accessible(page)
    subscription = AlertSubscription.objects.get()
    assert subscription.language == lang
    link = OutgoingEmail.objects.get(kind="media.alerts.confirm").body
    assert subscription.token in link
    page.goto(f"/{lang}/media/alerts/confirm/{subscription.token}/")
    page.get_by_role("button", name=translated(lang, "Confirm my release alerts")).click()
    expect(page.get_by_role("status")).to_be_visible()
    assert_accessible(page)
    subscription.refresh_from_db()
    assert subscription.is_active

    # And the unsubscribe link every alert carries: a page that asks first.
    page.goto(f"/{lang}/media/alerts/unsubscribe/{subscription.token}/")
    assert_accessible(page)
    page.get_by_role("button", name=translated(lang, "Stop the alerts")).click()
    expect(page.get_by_role("status")).to_be_visible()
    assert_accessible(page)
    subscription.refresh_from_db()
    assert not subscription.is_active
