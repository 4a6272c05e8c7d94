"""An organiser adds a session in the admin, in both languages, under the
site's Content Security Policy, and finds it on the public agenda."""

import pytest
from django.contrib.auth import get_user_model

from sessions.models import Session
from tests.e2e.conftest import sign_in_to_admin
from tests.factories import make_organisation, make_summit

pytestmark = pytest.mark.browser


@pytest.fixture
def organiser(live_server):
    return get_user_model().objects.create_superuser(
        "organiser", "organiser@example.org", "a-long-passphrase-42"
    )


def test_organiser_adds_a_bilingual_session_that_appears_on_the_agenda(page, organiser):
    summit = make_summit(name_en="U20 Mayors Summit 2020", slug="riyadh-2020", is_current=True)
    make_organisation(name_en="UITP", name_ar="الاتحاد الدولي للنقل العام", slug="uitp")

    sign_in_to_admin(page, organiser)
    page.goto("/admin/agenda/session/add/")
    page.get_by_label("Summit").select_option(str(summit.pk))
    page.locator("#id_title_en").fill("Public transport at the heart of recovery")
    page.locator("#id_title_ar").fill("النقل العام في قلب التعافي")
    page.locator("#id_starts_at_0").fill("2020-09-30")
    page.locator("#id_starts_at_1").fill("18:30")
    page.locator("#id_ends_at_0").fill("2020-09-30")
    page.locator("#id_ends_at_1").fill("19:30")
    page.get_by_role("button", name="Save", exact=True).click()

    page.wait_for_url("**/admin/agenda/session/")
    session = Session.objects.get()
    assert session.slug == "public-transport-at-the-heart-of-recovery"
    page.goto("/ar/summits/riyadh-2020/agenda/")
    assert page.get_by_role("link", name="النقل العام في قلب التعافي").count() == 1
    # Typed in the summit's zone, shown in it, in Arabic digits.
    assert "١٨:٣٠–١٩:٣٠" in page.locator(".session").first.inner_text()
