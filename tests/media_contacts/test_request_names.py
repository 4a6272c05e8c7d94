"""The names a journalist types on the interview-request form reach the media
team's emails, the admin and CSV: text that reorders what follows it or that
shows nothing is refused, in the visitor's language, keeping the rest."""

import pytest

from media_contacts.models import InterviewRequest
from tests.media_contacts.factories import form_data

pytestmark = pytest.mark.django_db

FORM = "/{lang}/media/interview-request/"
MESSAGES = {
    ("en", "direction"): (
        "Remove the invisible characters that change the direction of the text (such as U+202E)."
    ),
    ("ar", "direction"): "احذف الأحرف غير المرئية التي تغيّر اتجاه النص (مثل U+202E).",
    ("en", "invisible"): "Enter visible text, not only spaces or invisible characters.",
    ("ar", "invisible"): "أدخل نصًا ظاهرًا، لا مسافات أو أحرفًا غير مرئية فقط.",
}


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize(
    ("typed", "problem"), [("\u202eevil", "direction"), ("\u200b \u200b", "invisible")]
)
@pytest.mark.parametrize("field", ["name", "outlet", "role", "country", "interviewee"])
def test_request_refuses_a_name_that_reorders_or_shows_nothing(client, lang, typed, problem, field):
    response = client.post(FORM.format(lang=lang), form_data(**{field: typed}))

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [MESSAGES[lang, problem]]}
    assert MESSAGES[lang, problem] in html
    assert 'value="layla@example.org"' in html
    assert f'value="{typed}"' in html
    assert InterviewRequest.objects.count() == 0


def test_request_keeps_an_arabic_name_with_its_joiners_and_marks(client):
    name = "\u200fعبد\u200cالله الحربي"

    response = client.post(
        FORM.format(lang="ar"), form_data(name=name, outlet="صحيفة الرياض", language="ar")
    )

    assert response.status_code == 302
    assert InterviewRequest.objects.get().name == name
