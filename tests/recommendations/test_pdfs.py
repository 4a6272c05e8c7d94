"""The communiqué's PDF: read whole before it is accepted, refused when it
carries scripts, launch actions or attachments, and sent as a download."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from recommendations.models import Communique, validate_pdf
from tests import pdfs
from tests.factories import make_summit
from tests.recommendations.factories import make_communique

pytestmark = pytest.mark.django_db

UNREADABLE = "This PDF cannot be read: it is damaged or incomplete. Export it again."
JAVASCRIPT = "This PDF contains JavaScript. Upload a version without scripts."
LAUNCH = "This PDF tries to open other files or programs. Upload a version without them."
EMBEDDED = "This PDF has files attached or embedded in it. Upload it without attachments."
ENCRYPTED = "This PDF is encrypted or protected by a password. Upload it without protection."

ADD = "/admin/recommendations/communique/add/"


def communique_form(summit, *, pdf) -> dict:
    """The admin's add form as the browser sends it, with no inline rows."""
    data = {
        "summit": summit.pk,
        "title_en": "Communiqué of the U20 Mayors Summit, Riyadh 2020",
        "title_ar": "البيان الختامي لقمة عمداء مجموعة تواصل المجتمع الحضري U20، الرياض 2020",
        "pdf": pdf,
    }
    for prefix in ("areas", "endorsements"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data


REFUSED = [
    (pdfs.pdf_with_javascript, JAVASCRIPT),
    (pdfs.pdf_with_page_javascript, JAVASCRIPT),
    (pdfs.pdf_with_attachment, EMBEDDED),
    (pdfs.pdf_with_file_attachment_annotation, EMBEDDED),
    (pdfs.pdf_with_launch_open_action, LAUNCH),
    (pdfs.pdf_with_launch_link, LAUNCH),
    (pdfs.encrypted_pdf, ENCRYPTED),
    (pdfs.truncated_pdf, UNREADABLE),
    (pdfs.garbage_pdf, UNREADABLE),
    (pdfs.pdf_nested_too_deep, UNREADABLE),
]


def messages_for(data: bytes) -> list[str]:
    with pytest.raises(ValidationError) as error:
        validate_pdf(pdfs.pdf_upload(data))
    return error.value.messages


def test_validate_pdf_accepts_actions_that_loop_without_a_script():
    validate_pdf(pdfs.pdf_upload(pdfs.pdf_with_looping_actions()))


@pytest.mark.parametrize(("build", "message"), REFUSED, ids=[b.__name__ for b, _ in REFUSED])
def test_validate_pdf_refuses_an_unsafe_or_broken_pdf(build, message):
    assert messages_for(build()) == [message]


def test_validate_pdf_message_is_in_arabic_under_arabic():
    with translation.override("ar"):
        assert messages_for(pdfs.pdf_with_javascript()) == [
            "يحتوي ملف PDF هذا على شيفرة JavaScript. ارفع نسخة خالية من البرامج النصية."
        ]


@pytest.mark.parametrize(
    ("build", "message"),
    [(pdfs.pdf_with_javascript, JAVASCRIPT), (pdfs.pdf_with_attachment, EMBEDDED)],
)
def test_admin_refuses_a_pdf_with_a_script_or_an_attachment(admin_client, build, message):
    data = communique_form(make_summit(), pdf=pdfs.pdf_upload(build()))

    response = admin_client.post(ADD, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["pdf"] == [message]
    assert Communique.objects.count() == 0


def test_admin_refuses_a_launch_action_in_the_organisers_arabic(admin_client):
    data = communique_form(make_summit(), pdf=pdfs.pdf_upload(pdfs.pdf_with_launch_open_action()))

    response = admin_client.post(ADD, data, headers={"accept-language": "ar"})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["pdf"] == [
        "يحاول ملف PDF هذا فتح ملفات أو برامج أخرى. ارفع نسخة خالية منها."
    ]


def test_admin_keeps_a_clean_pdf(admin_client):
    data = communique_form(make_summit(), pdf=pdfs.pdf_upload(pdfs.clean_pdf()))

    response = admin_client.post(ADD, data)

    assert response.status_code == 302
    communique = Communique.objects.get()
    with communique.pdf.open("rb") as stored:
        assert stored.read() == pdfs.clean_pdf()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_communique_pdf_is_sent_as_a_download(client, language):
    summit = make_summit(slug="riyadh-2020")
    communique = make_communique(summit=summit)
    communique.pdf.save("x.pdf", pdfs.pdf_upload(pdfs.clean_pdf()))

    response = client.get(f"/{language}/summits/riyadh-2020/communique/communique.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="riyadh-2020-communique.pdf"'
    assert b"".join(response.streaming_content) == pdfs.clean_pdf()


def test_communique_page_links_to_the_download_not_to_the_upload(client):
    summit = make_summit(slug="riyadh-2020")
    communique = make_communique(summit=summit)
    communique.pdf.save("x.pdf", pdfs.pdf_upload(pdfs.clean_pdf()))

    page = client.get("/en/summits/riyadh-2020/communique/").content.decode()

    assert 'href="/en/summits/riyadh-2020/communique/communique.pdf"' in page
    assert communique.pdf.url not in page


def test_communique_pdf_is_not_found_without_a_pdf(client):
    make_communique(summit=make_summit(slug="riyadh-2020"))

    response = client.get("/en/summits/riyadh-2020/communique/communique.pdf")

    assert response.status_code == 404


def test_communique_pdf_is_not_found_while_unpublished(client):
    communique = make_communique(summit=make_summit(slug="riyadh-2020"), is_published=False)
    communique.pdf.save("x.pdf", pdfs.pdf_upload(pdfs.clean_pdf()))

    response = client.get("/en/summits/riyadh-2020/communique/communique.pdf")

    assert response.status_code == 404
